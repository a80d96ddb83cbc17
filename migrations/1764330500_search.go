package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/search"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// Search and fast lists: tickets.severity (the priority as a number, for
// the queue order) with its index, a list rule that does not read the
// caller's role, and the full-text index of tickets and comments.
func init() {
	m.Register(func(app core.App) error {
		tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return err
		}
		tickets.Fields.Add(&core.NumberField{Name: ticket.FieldSeverity, OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(float64(ticket.SeverityMax))})
		// the queue: open tickets, most severe first, then the earliest due
		tickets.AddIndex("idx_tickets_queue", false, ticket.FieldSeverity+" DESC, "+ticket.FieldDue, "")
		// an admin's newest-first list (the portal's default order)
		tickets.AddIndex("idx_tickets_created", false, "created", "")
		// Reading @request.auth.role makes PocketBase join users and select
		// DISTINCT, so no index serves a list. The list rule admits every
		// signed-in user; hooks/tickets_list.go narrows a non-admin's list
		// to their own tickets before it runs, and the same condition
		// guards their realtime events. The view, update and delete rules
		// (one row each) keep the role.
		tickets.ListRule = types.Pointer(user.RuleSignedIn)
		if err := app.Save(tickets); err != nil {
			return err
		}
		if _, err := app.DB().NewQuery(`UPDATE tickets SET severity = ` + ticket.SeveritySQL).Execute(); err != nil {
			return err
		}
		if err := search.CreateTables(app); err != nil {
			return err
		}
		return search.Reindex(app)
	}, func(app core.App) error {
		if err := search.DropTables(app); err != nil {
			return err
		}
		tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return err
		}
		tickets.RemoveIndex("idx_tickets_queue")
		tickets.RemoveIndex("idx_tickets_created")
		tickets.Fields.RemoveByName(ticket.FieldSeverity)
		mine := `@request.auth.id != "" && (created_by = @request.auth.id || assigned_to = @request.auth.id)`
		tickets.ListRule = types.Pointer(user.RuleAdmin + " || " + mine)
		return app.Save(tickets)
	})
}
