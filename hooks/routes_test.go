package hooks_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/docs"
	"helpdesk/hooks"
)

// TestRoutesAccess calls every row of the routes table as every actor: the
// status follows from the row's Access alone.
func TestRoutesAccess(t *testing.T) {
	table, err := hooks.Routes(docs.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[hooks.Access]func(actor) bool{
		hooks.Public:   func(actor) bool { return true },
		hooks.SignedIn: func(a actor) bool { return a != anonymous },
		hooks.Staff:    actor.staff,
		hooks.Admin:    func(a actor) bool { return a == asAdmin || a == asSuperuser },
	}
	for _, r := range table {
		may, ok := allowed[r.Access]
		if !ok {
			t.Fatalf("%s %s: unknown access %q", r.Method, r.Path, r.Access)
		}
		for _, a := range []actor{anonymous, asUser, asModerator, asAdmin, asSuperuser} {
			want := http.StatusOK
			switch {
			case may(a):
			case a == anonymous:
				want = http.StatusUnauthorized
			default:
				want = http.StatusForbidden
			}
			url := r.Path
			if ex, ok := routeExamples[r.Path]; ok {
				url = ex
			}
			s := call(t, r.Method+" "+r.Path, a, r.Method, url, nil, want)
			if want == http.StatusOK {
				s.NotExpectedContent = []string{`{"data":{},"message":`} // not an error body
			} else {
				s.ExpectedContent = []string{`"status":` + strconv.Itoa(want)}
			}
			s.TestAppFactory = func(t testing.TB) *tests.TestApp {
				app, _ := newAppWith(t, hooks.Config{Manual: true, OpenAPI: docs.OpenAPI})
				return app
			}
			s.Test(t)
		}
	}
}

// routeExamples are valid calls of the routes that need parameters: the
// ticket is one every staff actor may see (the moderator created it).
var routeExamples = map[string]string{
	"/api/helpdesk/search":               "/api/helpdesk/search?q=problem",
	"/api/helpdesk/tickets/{id}/similar": "/api/helpdesk/tickets/" + idModTicket + "/similar",
}
