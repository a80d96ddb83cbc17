package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/history"
	"helpdesk/internal/user"
)

// ticket_events, the history of each ticket: written by the server only
// (no create, update or delete rule), read by admins here; the
// conversation migration widens reading to the ticket's people.
func init() {
	m.Register(func(app core.App) error {
		tickets, users, err := ticketsAndUsers(app)
		if err != nil {
			return err
		}
		c := core.NewBaseCollection(history.Collection)
		c.Fields.Add(
			&core.RelationField{Name: history.FieldTicket, Required: true, MaxSelect: 1, CollectionId: tickets.Id, CascadeDelete: true},
			&core.RelationField{Name: history.FieldActor, MaxSelect: 1, CollectionId: users.Id},
			&core.SelectField{Name: history.FieldKind, Required: true, MaxSelect: 1, Values: history.Kinds},
			&core.TextField{Name: history.FieldFrom, Max: history.ValueMax},
			&core.TextField{Name: history.FieldTo, Max: history.ValueMax},
			&core.TextField{Name: history.FieldReason, Max: history.ReasonMax},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		c.ListRule = types.Pointer(user.RuleAdmin)
		c.ViewRule = types.Pointer(user.RuleAdmin)
		c.AddIndex("idx_ticket_events_ticket", false, history.FieldTicket+", created", "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(history.Collection)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
