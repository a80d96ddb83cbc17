package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/comment"
)

// TestDisplayNames: a requester learns the name of who helps them, never
// their address; staff get the requester's name and address, which
// emailVisibility would otherwise hide from them.
func TestDisplayNames(t *testing.T) {
	const assignee = `"assignee_name":"Arno Assigned"`
	const requester = `"requester_name":"Uma User"`
	const email = `"requester_email":"user@example.com"`
	url := "/api/collections/tickets/records/" + idOpen

	s := call(t, "requester sees the assignee's name only", asUser, http.MethodGet, url, nil, http.StatusOK)
	s.ExpectedContent = []string{assignee}
	s.NotExpectedContent = []string{"assigned@example.com", `"requester_email"`}
	s.Test(t)

	s = call(t, "the assignee sees the requester's name and address", asAssigned, http.MethodGet, url, nil, http.StatusOK)
	s.ExpectedContent = []string{assignee, requester, email}
	s.Test(t)

	s = call(t, "in lists too", asAdmin, http.MethodGet, "/api/collections/tickets/records?filter=id='"+idOpen+"'", nil, http.StatusOK)
	s.ExpectedContent = []string{assignee, requester, email}
	s.Test(t)

	s = call(t, "an unassigned ticket has an empty assignee name", asAdmin, http.MethodGet,
		"/api/collections/tickets/records/"+idOthers, nil, http.StatusOK)
	s.ExpectedContent = []string{`"assignee_name":""`, `"requester_name":"Otto Other"`}
	s.Test(t)

	s = call(t, "a comment carries its author's name and whether they are staff", asUser, http.MethodGet,
		"/api/collections/comments/records?filter=ticket='"+idOpen+"'", nil, http.StatusOK)
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		col, err := app.FindCollectionByNameOrId(comment.Collection)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Set(comment.FieldTicket, idOpen)
		r.Set(comment.FieldAuthor, idAssigned)
		r.Set(comment.FieldBody, "We are on it.")
		r.Set(comment.FieldSource, comment.SourceWeb)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	s.ExpectedContent = []string{`"author_name":"Arno Assigned"`, `"author_staff":true`}
	s.NotExpectedContent = []string{"assigned@example.com"}
	s.Test(t)
}
