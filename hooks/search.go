package hooks

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/comment"
	"helpdesk/internal/search"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindSearch keeps the full-text index in the transaction of every ticket
// and comment write and delete, whoever makes it (API, dashboard, triage,
// commands), unless off (to measure what the index costs).
func bindSearch(app core.App, off bool) {
	if off {
		return
	}
	sync := func(e *core.RecordEvent, ticketIDs func() []string, oldNumber int) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error {
				for _, id := range ticketIDs() {
					if err := search.SyncTicket(txApp, id, oldNumber); err != nil {
						return err
					}
				}
				return nil
			}, nil
		})
	}

	app.OnRecordCreateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		return sync(e, func() []string { return []string{e.Record.Id} }, 0)
	})
	app.OnRecordUpdateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		old := e.Record.Original()
		if !textChanged(old, e.Record, ticket.FieldTitle, ticket.FieldDescription, ticket.FieldNumber) {
			return e.Next() // a status or triage change: the documents stay
		}
		return sync(e, func() []string { return []string{e.Record.Id} }, old.GetInt(ticket.FieldNumber))
	})
	app.OnRecordDeleteExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return search.Remove(txApp, e.Record.GetInt(ticket.FieldNumber)) }, nil
		})
	})

	// a comment rewrites its ticket's documents (both tickets' when a
	// superuser moves it)
	ticketsOf := func(e *core.RecordEvent) func() []string {
		return func() []string {
			ids := []string{e.Record.GetString(comment.FieldTicket)}
			if !e.Record.IsNew() {
				if old := e.Record.Original().GetString(comment.FieldTicket); old != "" && old != ids[0] {
					ids = append(ids, old)
				}
			}
			return ids
		}
	}
	onComment := func(e *core.RecordEvent) error { return sync(e, ticketsOf(e), 0) }
	app.OnRecordCreateExecute(comment.Collection).BindFunc(onComment)
	app.OnRecordDeleteExecute(comment.Collection).BindFunc(onComment)
	app.OnRecordUpdateExecute(comment.Collection).BindFunc(func(e *core.RecordEvent) error {
		if !textChanged(e.Record.Original(), e.Record, comment.FieldBody, comment.FieldInternal, comment.FieldTicket) {
			return e.Next()
		}
		return onComment(e)
	})
}

func textChanged(before, after *core.Record, fields ...string) bool {
	return slices.ContainsFunc(fields, func(f string) bool {
		return before.GetString(f) != after.GetString(f)
	})
}

// searchTickets answers GET /api/helpdesk/search: the caller's tickets
// whose text matches q, with the ticket list's visibility.
func searchTickets(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	errs := validation.Errors{}
	parsed, err := search.Parse(q.Get("q"))
	if err != nil {
		errs["q"] = validation.NewError("validation_invalid_query", err.Error())
	}
	page, perPage := pageParams(q.Get("page"), q.Get("perPage"), errs)
	f := search.Filters{Status: q.Get("status"), Priority: q.Get("priority"), AssignedTo: q.Get("assigned_to")}
	if f.Status != "" && !slices.Contains(ticket.Statuses, f.Status) {
		errs["status"] = validation.NewError("validation_invalid_value", "Must be one of the ticket statuses.")
	}
	if f.Priority != "" && !slices.Contains(ticket.Priorities, f.Priority) {
		errs["priority"] = validation.NewError("validation_invalid_value", "Must be one of the ticket priorities.")
	}
	if len(errs) > 0 {
		return e.BadRequestError("Invalid search.", errs)
	}
	res, err := search.Find(e.App, callerOf(e.Auth), parsed.Match, f, page, perPage)
	if err != nil {
		return searchFailed(e, err)
	}
	return e.JSON(http.StatusOK, res)
}

// similarTickets answers GET /api/helpdesk/tickets/{id}/similar: the five
// tickets most like this one among those the caller may see.
func similarTickets(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	t, err := e.App.FindRecordById(ticket.Collection, e.Request.PathValue("id"))
	if err == nil && !c.Admin {
		// the tickets view rule itself decides (creator or assignee)
		info, infoErr := e.RequestInfo()
		if infoErr != nil {
			return e.BadRequestError("", infoErr)
		}
		ok, ruleErr := e.App.CanAccessRecord(t, info, t.Collection().ViewRule)
		if !ok {
			err = errors.Join(errors.New("not visible"), ruleErr)
		}
	}
	if err != nil {
		// as PocketBase answers a ticket outside the view rule
		return e.NotFoundError("The ticket does not exist or you may not see it.", err)
	}
	items, err := search.Similar(e.App, c, t, search.SimilarMax)
	if err != nil {
		return searchFailed(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}

func searchFailed(e *core.RequestEvent, err error) error {
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return e.BadRequestError("Invalid search.", validation.Errors{
			"q": validation.NewError("validation_invalid_query", "The index cannot run this search."),
		})
	}
	return e.InternalServerError("Failed to search.", err)
}

// callerOf is who searches: admins and superusers see every ticket.
func callerOf(auth *core.Record) search.Caller {
	return search.Caller{ID: auth.Id, Admin: user.IsAdmin(auth)}
}

// pageParams reads page (default 1) and perPage (default 30, at most
// search.PerPageMax), noting bad values in errs.
func pageParams(rawPage, rawPerPage string, errs validation.Errors) (page, perPage int) {
	page, perPage = 1, search.PerPageDefault
	if rawPage != "" {
		n, err := strconv.Atoi(rawPage)
		if err != nil || n < 1 || n > search.PageMax {
			errs["page"] = validation.NewError("validation_invalid_page", "Must be a whole number from 1 to "+strconv.Itoa(search.PageMax)+".")
		}
		page = n
	}
	if rawPerPage != "" {
		n, err := strconv.Atoi(rawPerPage)
		if err != nil || n < 1 || n > search.PerPageMax {
			errs["perPage"] = validation.NewError("validation_invalid_per_page", "Must be a whole number from 1 to "+strconv.Itoa(search.PerPageMax)+".")
		}
		perPage = n
	}
	return page, perPage
}
