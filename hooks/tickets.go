package hooks

import (
	"fmt"
	"slices"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/security"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

func bindTickets(app core.App, cfg security.Config) {
	perHour := cfg.TicketsPerUserPerHour
	if perHour <= 0 {
		perHour = ticket.DefaultCreatedPerHour
	}

	prepare := func(e *core.RecordEvent) error {
		if err := ticket.Prepare(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	}
	app.OnRecordCreate(ticket.Collection).BindFunc(prepare)
	app.OnRecordUpdate(ticket.Collection).BindFunc(prepare)

	// the number is taken in the insert's transaction, whoever creates
	// the ticket; a number given by a superuser's import is kept
	app.OnRecordCreateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetInt(ticket.FieldNumber) > 0 {
			return e.Next()
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			n, err := ticket.NextNumber(txApp)
			if err != nil {
				return nil, err
			}
			e.Record.Set(ticket.FieldNumber, n)
			return func() error { return nil }, nil
		})
	})

	app.OnRecordCreateRequest(ticket.Collection).BindFunc(func(e *core.RecordRequestEvent) error {
		// the create rule already refused guests; superusers (dashboard)
		// may fill in any field, for example to import tickets
		if e.HasSuperuserAuth() || e.Auth == nil {
			return e.Next()
		}
		info, err := e.RequestInfo()
		if err != nil {
			return e.BadRequestError("", err)
		}
		errs := fieldErrors("validation_invalid_type", ticket.BodyTypeErrors(jsonBody(e.RequestEvent)))
		for key := range info.Body {
			if !slices.Contains(ticket.CreatableFields, key) {
				errs[key] = validation.NewError("validation_field_not_allowed", "Only title, description and attachments can be set on create; the server and the triage set this field.")
			}
		}
		if by, ok := info.Body[ticket.FieldCreatedBy]; ok && by != e.Auth.Id {
			errs[ticket.FieldCreatedBy] = validation.NewError("validation_not_caller", "created_by must be your own user id.")
		}
		if len(errs) > 0 {
			return e.BadRequestError("Failed to create record.", errs)
		}
		// staff file tickets for others and are not limited
		if !user.IsStaff(e.Auth) {
			n, err := ticket.CountCreatedSince(e.App, e.Auth.Id, time.Now().Add(-time.Hour))
			if err != nil {
				return e.InternalServerError("", err)
			}
			if n >= perHour {
				return e.TooManyRequestsError(fmt.Sprintf("You have created %d tickets in the last hour, the most allowed. Please wait before creating another, or add to an open ticket.", n), nil)
			}
		}
		e.Record.Set(ticket.FieldCreatedBy, e.Auth.Id)
		return e.Next()
	})

	app.OnRecordUpdateRequest(ticket.Collection).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		if errs := fieldErrors("validation_invalid_type", ticket.BodyTypeErrors(jsonBody(e.RequestEvent))); len(errs) > 0 {
			return e.BadRequestError("Failed to update record.", errs)
		}
		before := e.Record.Original()
		changed := ticket.ChangedFields(before, e.Record)
		denied := ticket.ForbiddenFields(ticket.ActorOf(e.Auth), before, e.Record, changed)
		if len(denied) > 0 {
			errs := fieldErrors("validation_field_forbidden", denied)
			// the contract makes naming someone else in created_by a 400,
			// on update as on create
			if _, forged := denied[ticket.FieldCreatedBy]; forged {
				return e.BadRequestError("Failed to update record.", errs)
			}
			return e.ForbiddenError("You are not allowed to change these fields.", errs)
		}
		return e.Next()
	})
}

// fieldErrors turns per-field messages into PocketBase's field error format.
func fieldErrors(code string, messages map[string]string) validation.Errors {
	errs := validation.Errors{}
	for f, msg := range messages {
		errs[f] = validation.NewError(code, msg)
	}
	return errs
}
