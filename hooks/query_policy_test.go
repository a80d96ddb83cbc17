package hooks_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/ticket"
)

// Probes that passed before the filters, sorts and subscription options
// were read with PocketBase's own parser and decoder (internal/query).
func TestQueryPolicyProbes(t *testing.T) {
	t.Parallel()
	refused := func(s tests.ApiScenario, param, msg string) tests.ApiScenario {
		s.ExpectedContent = []string{fieldError(param), msg}
		s.NotExpectedContent = []string{`"items"`}
		return unchanged(s)
	}
	q := func(k, v string) string { return "?" + k + "=" + url.QueryEscape(v) }
	scenarios := []tests.ApiScenario{
		// sorting orders people by an address the moderator cannot see
		refused(call(t, "users sorted by email", asModerator, http.MethodGet, usersURL+q("sort", "email"), nil, http.StatusBadRequest), "sort", "email is for superusers only"),
		refused(call(t, "users sorted by email", asAdmin, http.MethodGet, usersURL+q("sort", "-email"), nil, http.StatusBadRequest), "sort", "email is for superusers only"),
		refused(call(t, "tickets sorted by their creator's email", asAssigned, http.MethodGet, ticketsURL+q("sort", "created_by.email"), nil, http.StatusBadRequest), "sort", "email is for superusers only"),
		refused(call(t, "users filtered by email", asModerator, http.MethodGet, usersURL+q("filter", `email ~ "user@"`), nil, http.StatusBadRequest), "filter", "email is for superusers only"),
		// multi-match back-relations skip the related collection's rules
		refused(call(t, "users filtered through their tickets", asUser, http.MethodGet, usersURL+q("filter", `tickets_via_created_by.title ~ "Printer"`), nil, http.StatusBadRequest), "filter", "tickets_via_created_by is for admins only"),
		refused(call(t, "users filtered through their tickets", asModerator, http.MethodGet, usersURL+q("filter", `tickets_via_created_by.title ~ "log in"`), nil, http.StatusBadRequest), "filter", "tickets_via_created_by is for admins only"),
		refused(call(t, "tickets filtered through a back-relation", asUser, http.MethodGet, ticketsURL+q("filter", `tickets_via_created_by.title != ""`), nil, http.StatusBadRequest), "filter", "back-relation"),
		refused(call(t, "staff field with a modifier", asUser, http.MethodGet, ticketsURL+q("filter", `helpful_notes:lower ~ "staff"`), nil, http.StatusBadRequest), "filter", "for staff only"),
	}
	// the superuser may; PocketBase orders by the hidden address
	super := call(t, "users sorted by email", asSuperuser, http.MethodGet, usersURL+q("sort", "email"), nil, http.StatusOK)
	super.ExpectedContent = []string{`"totalItems":5`}
	adminVia := call(t, "users filtered through their tickets", asAdmin, http.MethodGet, usersURL+q("filter", `tickets_via_created_by.title ?~ "Printer"`), nil, http.StatusOK)
	adminVia.ExpectedContent = []string{`"totalItems":1`, `"id":"` + idUser + `"`}
	scenarios = append(scenarios, super, adminVia)
	run(t, scenarios)
}

// TestTicketListScopeApplied checks the filter PocketBase runs for a plain
// user's list: their scope AND-ed with their filter as one group, whatever
// the filter; a filter that escapes its parentheses is refused.
func TestTicketListScopeApplied(t *testing.T) {
	t.Parallel()
	scope := ticket.ListScope(idUser)
	want, err := fexpr.Parse(scope)
	if err != nil {
		t.Fatal(err)
	}
	ran := func(name, filter string, status int) tests.ApiScenario {
		s := call(t, name, asUser, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(filter), nil, status)
		var seen []string
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			app.OnRecordsListRequest(ticket.Collection).BindFunc(func(e *core.RecordsListRequestEvent) error {
				seen = append(seen, e.Request.URL.Query().Get("filter"))
				return e.Next()
			})
		}
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if status != http.StatusOK {
				if len(seen) > 0 {
					t.Errorf("the list ran with %q", seen)
				}
				return
			}
			if len(seen) != 1 {
				t.Fatalf("the list ran %d times", len(seen))
			}
			got, err := fexpr.Parse(seen[0])
			if err != nil || len(got) != 2 || got[1].Join != fexpr.JoinAnd || !equalGroups(got[0].Item, want) {
				t.Errorf("PocketBase ran %q: not the scope AND one group", seen[0])
			}
		}
		return s
	}
	ok := ran("list with an OR filter", `status = "done" || status != "done"`, http.StatusOK)
	ok.ExpectedContent = []string{`"totalItems":2`}
	breakout := ran("list with a filter breaking out of its parentheses", `1=1) || (1=1`, http.StatusBadRequest)
	breakout.ExpectedContent = []string{fieldError("filter")}
	comment := ran("list with a filter commenting out the closing parenthesis", `title != "" //`, http.StatusOK)
	comment.ExpectedContent = []string{`"totalItems":2`}
	run(t, []tests.ApiScenario{ok, breakout, comment})
}

func equalGroups(a any, b []fexpr.ExprGroup) bool {
	return reflect.DeepEqual(a, b)
}

// TestRealtimeOptionsProbe: the options of a subscription to the user's
// own ticket, read by PocketBase as a filter on helpful_notes, were let
// through by a check that read them with encoding/json and gave up on its
// errors; each edit of the title would then have told whether the note
// matches.
func TestRealtimeOptionsProbe(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)
	own := "tickets/" + idOpen + "?options="
	cases := []struct {
		name, options string
		status        int
	}{
		{"escaped field name and a type error", `{"query":{"filter":"\u0068elpful_notes ~ 'STAFF'"},"headers":[]}`, http.StatusBadRequest},
		{"escaped field name and a duplicate query key", `{"query":{"filter":"\u0068elpful_notes ~ 'STAFF'"},"query":{"filter":"title ~ 'Printer'"}}`, http.StatusBadRequest},
		{"escaped related_skills, duplicate key", `{"query":{"filter":"\u0072elated_skills ~ 'staff'"},"query":1}`, http.StatusBadRequest},
		{"back-relation", `{"query":{"filter":"tickets_via_created_by.title ~ 'x'"}}`, http.StatusBadRequest},
		{"title", `{"query":{"filter":"title ~ 'Printer'"}}`, http.StatusNoContent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client := connect(t, srv)
			status, body := client.subscribe(t, asUser, own+url.QueryEscape(c.options))
			if status != c.status {
				t.Fatalf("status %d, want %d: %s", status, c.status, body)
			}
			if status == http.StatusBadRequest && !strings.Contains(string(body), fieldError("subscriptions")) {
				t.Errorf("no field error on subscriptions: %s", body)
			}
		})
	}
}
