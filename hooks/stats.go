package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/roles"
	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
)

// bindStats serves GET /api/helpdesk/stats to staff (moderators get the
// figures of the tickets assigned to them, admins everyone's) and notes
// when each ticket's triage first finishes, for the latency figures.
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

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/helpdesk/stats", func(e *core.RequestEvent) error {
			var scope stats.Scope
			switch {
			case roles.IsAdmin(e.Auth):
			case roles.IsStaff(e.Auth):
				scope.AssignedTo = e.Auth.Id
			default:
				return e.ForbiddenError("Only staff can see the stats.", nil)
			}
			report, err := stats.Compute(e.App, scope, time.Now())
			if err != nil {
				return e.InternalServerError("Failed to compute the stats.", err)
			}
			return e.JSON(http.StatusOK, report)
		}).Bind(apis.RequireAuth())
		return se.Next()
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
