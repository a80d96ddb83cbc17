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
				AdminRole        string         `json:"admin_role"`
				EventKinds       []string       `json:"event_kinds"`
				Limits           map[string]int `json:"limits"`
				TicketFields     []string       `json:"ticket_fields"`
				UserFields       []string       `json:"user_fields"`
				Routes           []string       `json:"routes"`
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
			if got.AdminRole != user.RoleAdmin {
				t.Errorf("admin_role = %q", got.AdminRole)
			}
			if got.DoneStatus != ticket.StatusDone {
				t.Errorf("done_status = %q", got.DoneStatus)
			}
			// severity grows with the priority's place in the list
			for i, p := range ticket.Priorities {
				if got.PrioritySeverity[p] != i+1 {
					t.Errorf("priority_severity[%s] = %d, want %d", p, got.PrioritySeverity[p], i+1)
				}
			}
			// the schema as it is: what exists is listed, secrets are not
			for _, f := range []string{ticket.FieldNumber, ticket.FieldPriority, ticket.FieldAttachments} {
				if !slices.Contains(got.TicketFields, f) {
					t.Errorf("ticket_fields %v lacks %s", got.TicketFields, f)
				}
			}
			if !slices.Contains(got.UserFields, user.FieldMuteNotifications) || slices.Contains(got.UserFields, "password") || slices.Contains(got.UserFields, "tokenKey") {
				t.Errorf("user_fields = %v", got.UserFields)
			}
			if !slices.Contains(got.Routes, "GET /api/helpdesk/stats") || !slices.Contains(got.Routes, "GET /api/helpdesk/meta") {
				t.Errorf("routes = %v", got.Routes)
			}
			if got.Limits["title_max"] != ticket.TitleMax || got.Limits["attachments_max"] != ticket.AttachmentsMax || got.Limits["name_min"] != user.NameMin || got.Limits["password_min"] != 8 {
				t.Errorf("limits = %v", got.Limits)
			}
		}
		s.Test(t)
	}
}
