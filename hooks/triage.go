package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/triage"
)

// RegisterTriage runs the triage pipeline while the app serves: the pool
// starts on serve (resuming the tickets a previous run left waiting), a
// committed new ticket or a ticket set back to pending wakes it at once,
// and it stops on terminate. It returns the pool so that tests can run it
// without serving.
func RegisterTriage(app core.App, cfg triage.Config) (*triage.Pool, error) {
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
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		pool.Start()
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		pool.Stop()
		return e.Next()
	})
	return pool, nil
}
