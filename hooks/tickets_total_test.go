package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/ticket"
)

// TestTicketsTotalCounted checks the total of an admin's ticket list,
// which hooks/tickets_total.go counts in place of PocketBase: the same
// number as the filter's rows in SQL (with and without a join, which
// may repeat a ticket), the pages from perPage, and no total when the
// caller asked for none.
func TestTicketsTotalCounted(t *testing.T) {
	t.Parallel()
	cases := []struct {
		as        actor
		filter    string
		where     string // the same rows in SQL
		perPage   int
		skipTotal bool
	}{
		{asAdmin, "", "1=1", 2, false},
		{asSuperuser, "", "1=1", 3, false},
		{asAdmin, `status != "done"`, "status != 'done'", 1, false},
		{asAdmin, `status = "todo" || status = "assigned"`, "status IN ('todo', 'assigned')", 30, false},
		{asAdmin, `created_by.role = "user"`, "created_by IN (SELECT id FROM users WHERE role = 'user')", 1, false},
		{asAdmin, `assigned_to.role = "moderator" && created_by.role = "user"`, "assigned_to IN (SELECT id FROM users WHERE role = 'moderator') AND created_by IN (SELECT id FROM users WHERE role = 'user')", 1, false},
		{asAdmin, "", "1=1", 2, true},
	}
	var scenarios []tests.ApiScenario
	for _, c := range cases {
		q := url.Values{"perPage": {strconv.Itoa(c.perPage)}}
		if c.filter != "" {
			q.Set("filter", c.filter)
		}
		if c.skipTotal {
			q.Set("skipTotal", "true")
		}
		s := call(t, "tickets total, filter "+c.filter, c.as, http.MethodGet, ticketsURL+"?"+q.Encode(), nil, http.StatusOK)
		s.ExpectedContent = []string{`"items":[{`}
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			var got struct {
				TotalItems int   `json:"totalItems"`
				TotalPages int   `json:"totalPages"`
				Items      []any `json:"items"`
			}
			if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
				t.Fatal(err)
			}
			var want int
			if err := app.DB().Select("count(*)").From(ticket.Collection).Where(dbx.NewExp(c.where)).Row(&want); err != nil {
				t.Fatal(err)
			}
			wantPages := (want + c.perPage - 1) / c.perPage
			if c.skipTotal {
				want, wantPages = -1, -1
			}
			if want == 0 || len(got.Items) == 0 {
				t.Fatalf("filter %q: the fixture has no such ticket", c.filter)
			}
			if got.TotalItems != want || got.TotalPages != wantPages {
				t.Errorf("filter %q: totalItems %d, totalPages %d; want %d, %d", c.filter, got.TotalItems, got.TotalPages, want, wantPages)
			}
		}
		scenarios = append(scenarios, s)
	}
	run(t, scenarios)
}
