package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/triage"
)

// bindTriage makes the triage pool: a committed new ticket or a ticket set
// back to pending wakes it at once (Setup runs it while the app serves).
func bindTriage(app core.App, cfg triage.Config) (*triage.Pool, error) {
	pool, err := triage.New(app, cfg)
	if err != nil {
		return nil, err
	}
	app.OnRecordAfterCreateSuccess(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		pool.Wake()
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(ticket.FieldTriage) == ticket.TriagePending {
			pool.Wake()
		}
		return e.Next()
	})
	return pool, nil
}
