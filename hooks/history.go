package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindHistory writes a ticket's history (ticket_events) in the transaction
// of each ticket write, whoever makes it (API, dashboard, triage, CLI);
// requests note their caller as the events' actor.
func bindHistory(app core.App) {
	noteCaller := func(e *core.RecordRequestEvent) error {
		actor := ""
		if e.Auth != nil && e.Auth.Collection().Name == user.Collection {
			actor = e.Auth.Id
		}
		history.SetActor(e.Record, actor)
		return e.Next()
	}
	app.OnRecordCreateRequest(ticket.Collection).BindFunc(noteCaller)
	app.OnRecordUpdateRequest(ticket.Collection).BindFunc(noteCaller)

	app.OnRecordCreateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return history.Write(txApp, history.OfCreate(e.Record)...) }, nil
		})
	})
	app.OnRecordUpdateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		events := history.OfUpdate(e.Record.Original(), e.Record)
		if len(events) == 0 {
			return e.Next() // nothing tracked changed: spare the write a transaction
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return history.Write(txApp, events...) }, nil
		})
	})
}
