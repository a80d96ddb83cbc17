package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/comment"
	"helpdesk/internal/ticket"
)

// ticketState is "status first_response resolved" of a stored ticket, the
// dates reduced to set or empty.
func ticketState(t testing.TB, app core.App, id string) string {
	t.Helper()
	r, err := app.FindRecordById(ticket.Collection, id)
	if err != nil {
		t.Fatal(err)
	}
	set := func(f string) string {
		if r.GetDateTime(f).IsZero() {
			return "-"
		}
		return f
	}
	return r.GetString(ticket.FieldStatus) + " " + set(ticket.FieldFirstResponseAt) + " " + set(ticket.FieldResolvedAt)
}

func expectState(s tests.ApiScenario, id, want string, events ...string) tests.ApiScenario {
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if got := ticketState(t, app, id); got != want {
			t.Errorf("ticket %s is %q, want %q", id, got, want)
		}
		if events != nil {
			got := eventsOf(t, app, id)
			tail := got[max(len(got)-len(events), 0):]
			for i := range events {
				if i >= len(tail) || !strings.HasPrefix(tail[i], events[i]) {
					t.Errorf("last events %q, want %q", tail, events)
					break
				}
			}
		}
	}
	return s
}

func TestCommentEffects(t *testing.T) {
	t.Parallel()
	post := func(name string, as actor, id string, internal bool) tests.ApiScenario {
		s := call(t, name, as, http.MethodPost, commentsURL, map[string]any{"ticket": id, "body": "Text of " + name, "internal": internal}, http.StatusOK)
		s.ExpectedContent = []string{`"id":`}
		return s
	}
	scenarios := []tests.ApiScenario{
		// the seed: the open ticket has no response yet, the done one is resolved
		expectState(post("the requester's reply on a done ticket reopens it", asUser, idDone, false), idDone,
			"assigned - -", "reopened "+idUser+" done→assigned ", "commented "+idUser+" →"),
		expectState(post("a staff reply on a done ticket leaves it done", asAssigned, idDone, false), idDone,
			"done first_response_at resolved_at"),
		expectState(post("a note on a done ticket leaves it done", asAssigned, idDone, true), idDone,
			"done - resolved_at"),
		expectState(post("the first public staff reply", asAssigned, idOpen, false), idOpen,
			"assigned first_response_at -"),
		expectState(post("an internal note is no response", asAssigned, idOpen, true), idOpen,
			"assigned - -"),
		expectState(post("the requester's own reply is no response", asUser, idOpen, false), idOpen,
			"assigned - -"),
		expectState(post("an admin's reply is a response", asAdmin, idOthers, false), idOthers,
			"todo first_response_at -"),
		expectState(post("a moderator's reply on their own ticket is no response", asModerator, idModTicket, false), idModTicket,
			"todo - -"),
	}
	// an unassigned done ticket goes back to todo
	unassigned := post("the requester's reply on an unassigned done ticket", asOther, idOthers, false)
	unassigned.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		r, _ := app.FindRecordById(ticket.Collection, idOthers)
		r.Set(ticket.FieldStatus, ticket.StatusDone)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	scenarios = append(scenarios, expectState(unassigned, idOthers, "todo - -", "reopened "+idOther+" done→todo ", "commented "+idOther+" →"))

	// done stamps resolved_at, a reopen by the assignee clears it
	done := call(t, "set done", asAssigned, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"status": "done"}, http.StatusOK)
	done.ExpectedContent = []string{`"resolved_at":"2`}
	reopen := call(t, "reopen", asAssigned, http.MethodPatch, ticketsURL+"/"+idDone, map[string]any{"status": "in_progress"}, http.StatusOK)
	reopen.ExpectedContent = []string{`"resolved_at":""`}
	scenarios = append(scenarios, expectState(done, idOpen, "done - resolved_at"), expectState(reopen, idDone, "in_progress - -"))

	// the server's fields are nobody's to write but a superuser's
	for _, f := range ticket.ServerFields {
		value := any("2030-01-01 00:00:00.000Z")
		if f == ticket.FieldNumber {
			value = 999
		}
		s := unchanged(call(t, "write "+f, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{f: value}, http.StatusForbidden))
		s.ExpectedContent = []string{fieldError(f)}
		scenarios = append(scenarios, s)
	}
	run(t, scenarios)
}

// TestCommentEffectsOnEveryPath: a comment saved by other code (the mail
// in, with source email) has the same effects in its transaction, and a
// failed save takes them back.
func TestCommentEffectsOnEveryPath(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	col, err := app.FindCollectionByNameOrId(comment.Collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Set(comment.FieldTicket, idDone)
	r.Set(comment.FieldAuthor, idUser)
	r.Set(comment.FieldBody, "Replying by mail: still broken.")
	r.Set(comment.FieldSource, comment.SourceEmail)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if got := ticketState(t, app, idDone); got != "assigned - -" {
		t.Errorf("after a mailed reply the ticket is %q", got)
	}
	events := eventsOf(t, app, idDone)
	if last := events[len(events)-1]; last != "commented "+idUser+" →"+r.Id+" " {
		t.Errorf("last event %q", last)
	}

	// a comment whose save fails leaves neither effects nor events
	before := eventsOf(t, app, idOpen)
	bad := core.NewRecord(col)
	bad.Set(comment.FieldTicket, idOpen)
	bad.Set(comment.FieldAuthor, idAssigned)
	bad.Set(comment.FieldBody, "")
	if err := app.Save(bad); err == nil {
		t.Fatal("a comment without a body was saved")
	}
	if got := ticketState(t, app, idOpen); got != "assigned - -" {
		t.Errorf("a failed comment changed the ticket: %q", got)
	}
	if after := eventsOf(t, app, idOpen); len(after) != len(before) {
		t.Errorf("a failed comment left events: %q", after[len(before):])
	}
}
