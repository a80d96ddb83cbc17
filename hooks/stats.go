package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
)

// bindStats notes when each ticket's triage first finishes, for the
// latency figures of GET /api/helpdesk/stats (see getStats).
func bindStats(app core.App) {
	app.OnRecordUpdate(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		wasDone := e.Record.Original().GetString(ticket.FieldTriage) == ticket.TriageDone
		if err := e.Next(); err != nil {
			return err
		}
		if !wasDone && e.Record.GetString(ticket.FieldTriage) == ticket.TriageDone {
			recordTriaged(e)
		}
		return nil
	})
	app.OnRecordCreate(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if e.Record.GetString(ticket.FieldTriage) == ticket.TriageDone {
			recordTriaged(e)
		}
		return nil
	})
	app.OnRecordDelete(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if err := stats.ForgetTicket(e.App, e.Record.Id); err != nil {
			e.App.Logger().Warn("stats: cannot drop a deleted ticket's triage time", "ticket", e.Record.Id, "error", err)
		}
		return nil
	})
}

// recordTriaged keeps the latency sample; a failure loses one sample of a
// statistic, never the ticket's save, so it is logged, not returned.
func recordTriaged(e *core.RecordEvent) {
	err := stats.RecordTriaged(e.App, e.Record.Id,
		e.Record.GetDateTime("created").Time(), e.Record.GetDateTime("updated").Time())
	if err != nil {
		e.App.Logger().Warn("stats: cannot record the triage time", "ticket", e.Record.Id, "error", err)
	}
}
