package hooks_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/comment"
	"helpdesk/internal/ticket"
)

func TestCommentsBadInput(t *testing.T) {
	t.Parallel()
	body := func(kv ...any) map[string]any {
		m := map[string]any{"ticket": idOpen, "body": "Hello"}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
				continue
			}
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name  string
		as    actor
		body  map[string]any
		field string
	}{
		{"no body", asUser, body("body", nil), comment.FieldBody},
		{"an empty body", asUser, body("body", ""), comment.FieldBody},
		{"a blank body", asUser, body("body", " \n\t "), comment.FieldBody},
		{"a body over 20000 characters", asUser, body("body", strings.Repeat("é", comment.BodyMax+1)), comment.FieldBody},
		{"a numeric body", asUser, body("body", 42), comment.FieldBody},
		{"no ticket", asUser, body("ticket", nil), comment.FieldTicket},
		{"an unknown ticket", asUser, body("ticket", "nosuchticket123"), comment.FieldTicket},
		{"another user's ticket", asUser, body("ticket", idOthers), comment.FieldTicket},
		{"an unknown ticket, as admin", asAdmin, body("ticket", "nosuchticket123"), comment.FieldTicket},
		{"two tickets", asUser, body("ticket", []string{idOpen, idDone}), comment.FieldTicket},
		{"a forged author", asUser, body("author", idAssigned), comment.FieldAuthor},
		{"an author appended", asUser, body("author+", idAssigned), comment.FieldAuthor},
		{"a forged source", asUser, body("source", comment.SourceEmail), comment.FieldSource},
		{"an unknown source", asUser, body("source", "fax"), comment.FieldSource},
		{"internal from the requester", asUser, body("internal", true), comment.FieldInternal},
		{"internal from the creator moderator, unassigned", asModerator, body("ticket", idModTicket, "internal", true), comment.FieldInternal},
		{"internal as text", asAssigned, body("internal", "yes"), comment.FieldInternal},
		{"a chosen created time", asUser, body("created", "2020-01-01 00:00:00.000Z"), "created"},
		{"a chosen id", asUser, body("id", "mycommentid0001"), "id"},
	}
	var scenarios []tests.ApiScenario
	for _, c := range cases {
		s := conv(unchanged(call(t, c.name, c.as, http.MethodPost, commentsURL, c.body, http.StatusBadRequest)))
		s.ExpectedContent = []string{fieldError(c.field)}
		scenarios = append(scenarios, s)
	}
	// what is not forged passes: the caller's own id and web
	same := conv(call(t, "author and source as the server sets them", asUser, http.MethodPost, commentsURL, body("author", idUser, "source", "web"), http.StatusOK))
	same.ExpectedContent = []string{`"author":"` + idUser + `"`}
	full := conv(call(t, "a body of exactly 20000 characters", asUser, http.MethodPost, commentsURL, body("body", strings.Repeat("é", comment.BodyMax)), http.StatusOK))
	full.ExpectedContent = []string{`"id":`}
	scenarios = append(scenarios, same, full)

	// files: at most 5, each at most 10 MB
	small := func(name string) upload { return upload{"attachments", name, "text/plain", []byte("x")} }
	six := []upload{small("1.txt"), small("2.txt"), small("3.txt"), small("4.txt"), small("5.txt"), small("6.txt")}
	tooMany := conv(unchanged(multipartCall(t, "six files", asUser, commentsURL, map[string]string{"ticket": idOpen, "body": "Files"}, http.StatusBadRequest, six...)))
	tooMany.ExpectedContent = []string{fieldError(comment.FieldAttachments)}
	big := upload{"attachments", "big.bin", "application/octet-stream", bytes.Repeat([]byte("x"), ticket.AttachmentMaxSize+1)}
	tooLarge := conv(unchanged(multipartCall(t, "a file over 10 MB", asUser, commentsURL, map[string]string{"ticket": idOpen, "body": "File"}, http.StatusBadRequest, big)))
	tooLarge.ExpectedContent = []string{fieldError(comment.FieldAttachments)}
	five := conv(multipartCall(t, "five files", asUser, commentsURL, map[string]string{"ticket": idOpen, "body": "Files"}, http.StatusOK, six[:5]...))
	five.ExpectedContent = []string{`"attachments":["1`}
	ticketTooMany := unchanged(multipartCall(t, "a ticket with six files", asUser, ticketsURL, map[string]string{"title": "Six files", "description": "x"}, http.StatusBadRequest, six...))
	ticketTooMany.ExpectedContent = []string{fieldError(ticket.FieldAttachments)}
	formInternal := conv(unchanged(multipartCall(t, "internal as a form value", asUser, commentsURL, map[string]string{"ticket": idOpen, "body": "x", "internal": "true"}, http.StatusBadRequest)))
	formInternal.ExpectedContent = []string{fieldError(comment.FieldInternal)}
	formAuthor := conv(unchanged(multipartCall(t, "a forged author as a form value", asUser, commentsURL, map[string]string{"ticket": idOpen, "body": "x", "author": idAssigned}, http.StatusBadRequest)))
	formAuthor.ExpectedContent = []string{fieldError(comment.FieldAuthor)}
	scenarios = append(scenarios, tooMany, tooLarge, five, ticketTooMany, formInternal, formAuthor)
	run(t, scenarios)
}

// TestCommentsBackRelations: expand and back-relation filters keep the
// comments rules.
func TestCommentsBackRelations(t *testing.T) {
	t.Parallel()
	expand := ticketsURL + "/" + idOpen + "?expand=comments_via_ticket"
	var scenarios []tests.ApiScenario
	for _, a := range []actor{asUser, asAssigned, asAdmin} {
		s := conv(call(t, "the open ticket with its comments expanded", a, http.MethodGet, expand, nil, http.StatusOK))
		s.ExpectedContent = []string{`"comments_via_ticket":[`, `"id":"` + idPublic + `"`, `"id":"` + idReply + `"`}
		if a == asUser {
			s.NotExpectedContent = []string{idNote, noteSecret, noteFile}
		} else {
			s.ExpectedContent = append(s.ExpectedContent, `"id":"`+idNote+`"`)
		}
		scenarios = append(scenarios, s)
	}
	list := conv(call(t, "tickets with comments expanded", asUser, http.MethodGet, ticketsURL+"?expand=comments_via_ticket", nil, http.StatusOK))
	list.ExpectedContent = []string{`"id":"` + idPublic + `"`}
	list.NotExpectedContent = []string{idNote, noteSecret}
	events := conv(call(t, "a comment's ticket expanded from the events", asUser, http.MethodGet, eventsURL+"?expand=ticket.comments_via_ticket&perPage=200", nil, http.StatusOK))
	events.ExpectedContent = []string{`"id":"` + idPublic + `"`}
	events.NotExpectedContent = []string{idNote, noteSecret}
	scenarios = append(scenarios, list, events)

	q := func(filter string) string { return "?filter=" + url.QueryEscape(filter) }
	for _, f := range []string{
		`comments_via_ticket.internal = true`,
		`comments_via_ticket.internal ?= true`,
		`comments_via_ticket.body ?~ "` + noteSecret + `"`,
		`ticket_events_via_ticket.kind ?= "analyzed"`,
	} {
		for _, a := range []actor{asUser, asAssigned} {
			s := conv(unchanged(call(t, "tickets filtered by "+f, a, http.MethodGet, ticketsURL+q(f), nil, http.StatusBadRequest)))
			s.ExpectedContent = []string{fieldError("filter")}
			scenarios = append(scenarios, s)
		}
	}
	for _, f := range []string{`internal = true`, `internal = false`} {
		s := conv(call(t, "comments filtered by "+f, asUser, http.MethodGet, commentsURL+q(f), nil, http.StatusBadRequest))
		s.ExpectedContent = []string{fieldError("filter")}
		scenarios = append(scenarios, s)
	}
	sorted := conv(call(t, "comments sorted by internal", asUser, http.MethodGet, commentsURL+"?sort=internal", nil, http.StatusBadRequest))
	sorted.ExpectedContent = []string{fieldError("sort")}
	admin := conv(call(t, "tickets filtered by their notes", asAdmin, http.MethodGet, ticketsURL+q(`comments_via_ticket.internal ?= true`), nil, http.StatusOK))
	admin.ExpectedContent = []string{`"totalItems":1`, `"id":"` + idOpen + `"`}
	scenarios = append(scenarios, sorted, admin)
	run(t, scenarios)
}

func TestCommentsBatch(t *testing.T) {
	t.Parallel()
	enableBatch := func(s tests.ApiScenario) tests.ApiScenario {
		inner := s.BeforeTestFunc
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			app.Settings().Batch.Enabled = true
			if err := app.Save(app.Settings()); err != nil {
				t.Fatal(err)
			}
			if inner != nil {
				inner(t, app, e)
			}
		}
		return s
	}
	create := func(body map[string]any) map[string]any {
		return map[string]any{"method": "POST", "url": commentsURL, "body": body}
	}
	batch := func(reqs ...map[string]any) map[string]any { return map[string]any{"requests": reqs} }

	ok := conv(call(t, "batch reply on the done ticket", asUser, http.MethodPost, "/api/batch",
		batch(create(map[string]any{"ticket": idDone, "body": "It broke again."})), http.StatusOK))
	ok.ExpectedContent = []string{`"author":"` + idUser + `"`, `"source":"web"`}
	ok.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		r, err := app.FindRecordById(ticket.Collection, idDone)
		if err != nil {
			t.Fatal(err)
		}
		if s := r.GetString(ticket.FieldStatus); s != ticket.StatusAssigned {
			t.Errorf("status %q after the requester's reply in a batch, want assigned", s)
		}
	}
	note := conv(unchanged(call(t, "batch with an internal note", asUser, http.MethodPost, "/api/batch",
		batch(create(map[string]any{"ticket": idOpen, "body": "fine"}), create(map[string]any{"ticket": idOpen, "body": "x", "internal": true})), http.StatusBadRequest)))
	note.ExpectedContent = []string{fieldError(comment.FieldInternal)}
	forged := conv(unchanged(call(t, "batch with a forged author", asUser, http.MethodPost, "/api/batch",
		batch(create(map[string]any{"ticket": idOpen, "body": "x", "author": idAdmin})), http.StatusBadRequest)))
	forged.ExpectedContent = []string{fieldError(comment.FieldAuthor)}
	hidden := conv(unchanged(call(t, "batch on another user's ticket", asUser, http.MethodPost, "/api/batch",
		batch(create(map[string]any{"ticket": idOthers, "body": "x"})), http.StatusBadRequest)))
	hidden.ExpectedContent = []string{fieldError(comment.FieldTicket)}
	run(t, []tests.ApiScenario{enableBatch(ok), enableBatch(note), enableBatch(forged), enableBatch(hidden)})
}
