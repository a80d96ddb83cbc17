package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// TestMetaAnswersTheContract: the portal's enums come from the contract
// packages, for anyone, signed in or not.
func TestMetaAnswersTheContract(t *testing.T) {
	for _, a := range []actor{anonymous, asUser, asAdmin} {
		s := call(t, "GET /api/helpdesk/meta", a, http.MethodGet, "/api/helpdesk/meta", nil, http.StatusOK)
		s.ExpectedContent = []string{`"statuses":`}
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			body, _ := io.ReadAll(res.Body)
			var got struct {
				Statuses         []string       `json:"statuses"`
				DoneStatus       string         `json:"done_status"`
				Priorities       []string       `json:"priorities"`
				PrioritySeverity map[string]int `json:"priority_severity"`
				Roles            []string       `json:"roles"`
				StaffRoles       []string       `json:"staff_roles"`
				EventKinds       []string       `json:"event_kinds"`
				Limits           map[string]int `json:"limits"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			check := func(name string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			check("statuses", got.Statuses, ticket.Statuses)
			check("priorities", got.Priorities, ticket.Priorities)
			check("roles", got.Roles, user.Roles)
			check("event_kinds", got.EventKinds, history.Kinds)
			check("staff_roles", got.StaffRoles, []string{user.RoleModerator, user.RoleAdmin})
			if got.DoneStatus != ticket.StatusDone {
				t.Errorf("done_status = %q", got.DoneStatus)
			}
			// severity grows with the priority's place in the list
			for i, p := range ticket.Priorities {
				if got.PrioritySeverity[p] != i+1 {
					t.Errorf("priority_severity[%s] = %d, want %d", p, got.PrioritySeverity[p], i+1)
				}
			}
			if got.Limits["title_max"] != ticket.TitleMax || got.Limits["attachments_max"] != ticket.AttachmentsMax || got.Limits["name_min"] != user.NameMin {
				t.Errorf("limits = %v", got.Limits)
			}
		}
		s.Test(t)
	}
}
