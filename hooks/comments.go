package hooks

import (
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindComments binds the conversation: who may post what through the API,
// what every new comment does whoever creates it (reopen, first response,
// history, in the comment's transaction), when a ticket counts as
// resolved, and what of its history a requester may read.
func bindComments(app core.App) {
	app.OnRecordCreateRequest(comment.Collection).BindFunc(checkCommentRequest)

	app.OnRecordCreate(comment.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(comment.FieldSource) == "" {
			e.Record.Set(comment.FieldSource, comment.SourceWeb)
		}
		return e.Next()
	})
	app.OnRecordCreateExecute(comment.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return comment.Apply(txApp, e.Record, time.Now()) }, nil
		})
	})

	app.OnRecordCreate(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		ticket.StampResolution(nil, e.Record, time.Now())
		return e.Next()
	})
	app.OnRecordUpdate(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		ticket.StampResolution(e.Record.Original(), e.Record, time.Now())
		return e.Next()
	})

	app.OnRecordEnrich(history.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || !user.IsStaff(e.RequestInfo.Auth) {
			e.Record.Hide(history.FieldReason)
		}
		return e.Next()
	})
}

// checkCommentRequest refuses, naming the field, what a caller may not
// post, and sets author and source. The create rule only asks for a
// signed-in user: PocketBase checks it before this hook and cannot say
// which field failed, so the ticket is checked here.
func checkCommentRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() || e.Auth == nil {
		return e.Next() // the dashboard may import anything; the rule refused guests
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	p := comment.Poster{ID: e.Auth.Id, Admin: user.IsAdmin(e.Auth), Staff: user.IsStaff(e.Auth)}
	errs := fieldErrors("validation_invalid_value", comment.RequestErrors(p, info.Body, jsonBody(e.RequestEvent)))
	if _, bad := errs[comment.FieldTicket]; !bad {
		t, ok := visibleTicket(e, info, e.Record.GetString(comment.FieldTicket))
		switch {
		case !ok:
			errs[comment.FieldTicket] = validation.NewError("validation_invalid_ticket", "No ticket with this id that you can see.")
		case e.Record.GetBool(comment.FieldInternal) && !comment.InternalAllowed(p, t.GetString(ticket.FieldAssignedTo)):
			errs[comment.FieldInternal] = validation.NewError("validation_internal_not_allowed", "Only staff working on the ticket can post internal notes.")
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	e.Record.Set(comment.FieldAuthor, e.Auth.Id)
	e.Record.Set(comment.FieldSource, comment.SourceWeb)
	return e.Next()
}

// visibleTicket finds the ticket id if the caller may view it (the
// tickets view rule); an unknown and a hidden ticket look alike.
func visibleTicket(e *core.RecordRequestEvent, info *core.RequestInfo, id string) (*core.Record, bool) {
	if id == "" {
		return nil, false
	}
	t, err := e.App.FindRecordById(ticket.Collection, id)
	if err != nil {
		return nil, false
	}
	ok, err := e.App.CanAccessRecord(t, info, t.Collection().ViewRule)
	return t, ok && err == nil
}
