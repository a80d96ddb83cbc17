package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"helpdesk/internal/ticket"
)

// For /api/helpdesk/stats:
//   - helpdesk_triage_times: when each ticket first reached triage = done,
//     for the triage latency. A plain table, not a collection: the tickets
//     contract stays as it is, and a ticket's own `updated` moves with every
//     later edit, so it cannot tell this time.
//   - idx_tickets_stats and idx_tickets_stats_assignee: covering indexes
//     for the stats' counts, of every ticket and of one assignee's, so that
//     they never read the ticket rows.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS helpdesk_triage_times (
				ticket  TEXT PRIMARY KEY NOT NULL,
				created TEXT NOT NULL,
				triaged TEXT NOT NULL,
				seconds REAL NOT NULL
			);
			CREATE INDEX IF NOT EXISTS idx_helpdesk_triage_times_triaged
				ON helpdesk_triage_times (triaged, seconds);
		`).Execute()
		if err != nil {
			return err
		}
		tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return err
		}
		tickets.AddIndex("idx_tickets_stats", false, "status, priority, triage, analyzer, assigned_to, due", "")
		tickets.AddIndex("idx_tickets_stats_assignee", false, "assigned_to, status, priority, triage, analyzer, due", "")
		return app.Save(tickets)
	}, func(app core.App) error {
		if tickets, err := app.FindCollectionByNameOrId(ticket.Collection); err == nil {
			tickets.RemoveIndex("idx_tickets_stats")
			tickets.RemoveIndex("idx_tickets_stats_assignee")
			if err := app.Save(tickets); err != nil {
				return err
			}
		}
		_, err := app.DB().NewQuery(`DROP TABLE IF EXISTS helpdesk_triage_times`).Execute()
		return err
	})
}
