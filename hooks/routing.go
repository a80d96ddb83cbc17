package hooks

import (
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/assign"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindRouting keeps tickets with people who can hold them: a staff member
// who goes away, is demoted out of staff or is deleted hands their open
// tickets back to the routing in the same transaction (a person's
// assignment is noted as made by hand, which a handover for away
// respects); one who comes back takes the tickets that waited for
// somebody. A demotion also ends the account's sessions (hooks/access.go).
func bindRouting(app core.App, cfg assign.Config) {
	markByHand := func(e *core.RecordRequestEvent) error {
		to := e.Record.GetString(ticket.FieldAssignedTo)
		before := ""
		if !e.Record.IsNew() {
			before = e.Record.Original().GetString(ticket.FieldAssignedTo)
		}
		if to != "" && to != before {
			reason := assign.ByHand
			if u, err := e.App.FindRecordById(user.Collection, to); err == nil && u.GetBool(user.FieldAway) {
				reason = assign.ByHandWhileAway
			}
			history.SetReason(e.Record, reason)
		}
		return e.Next()
	}
	app.OnRecordCreateRequest(ticket.Collection).BindFunc(markByHand)
	app.OnRecordUpdateRequest(ticket.Collection).BindFunc(markByHand)

	app.OnRecordUpdateExecute(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			stored, err := txApp.FindRecordById(user.Collection, e.Record.Id)
			if err != nil {
				return nil, err
			}
			// a demotion's new token key is bindAccess's (hooks/access.go)
			wasStaff, isStaff := user.IsStaff(stored), user.IsStaff(e.Record)
			wentAway := isStaff && e.Record.GetBool(user.FieldAway) && !stored.GetBool(user.FieldAway)
			cameBack := isStaff && !e.Record.GetBool(user.FieldAway) && stored.GetBool(user.FieldAway)
			return func() error {
				name := e.Record.GetString(user.FieldName)
				switch {
				case wasStaff && !isStaff:
					return handover(txApp, cfg, e.Record.Id, "handover from "+name+" (no longer staff)", false)
				case wentAway:
					return handover(txApp, cfg, e.Record.Id, "handover from "+name+" (away)", true)
				case cameBack:
					moves, err := cfg.RouteWaiting(txApp, name+" is back")
					logMoves(txApp, moves)
					return err
				}
				return nil
			}, nil
		})
	})

	// before the delete, in its transaction: PocketBase's delete clears
	// the references to the account, the assignees among them
	app.OnRecordDeleteExecute(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		if !user.IsStaff(e.Record) {
			return e.Next()
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			err := handover(txApp, cfg, e.Record.Id, "handover from "+e.Record.GetString(user.FieldName)+" (deleted)", false)
			return func() error { return nil }, err
		})
	})

	// why the system chose an assignee is for staff
	app.OnRecordEnrich(history.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || !user.IsStaff(e.RequestInfo.Auth) {
			e.Record.Hide(history.FieldReason)
		}
		return e.Next()
	})
}

// handover routes the user's open tickets again and logs what moved.
func handover(app core.App, cfg assign.Config, userID, note string, keepByHand bool) error {
	moves, err := cfg.Handover(app, userID, note, keepByHand)
	logMoves(app, moves)
	return err
}

func logMoves(app core.App, moves []assign.Move) {
	for _, m := range moves {
		if m.To == "" {
			app.Logger().Warn("routing: nobody is available; the ticket is left unassigned",
				slog.String("ticket", m.TicketID), slog.String("from", m.From))
			continue
		}
		app.Logger().Info("routing: ticket moved", slog.String("ticket", m.TicketID),
			slog.String("from", m.From), slog.String("to", m.To), slog.String("reason", m.Reason))
	}
}
