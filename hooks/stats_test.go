package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

func TestStatsRoute(t *testing.T) {
	app := apptest.NewApp(t)
	admin := apptest.CreateUser(t, app, "admin@example.com", "Ada Admin", user.RoleAdmin)
	mo := apptest.CreateUser(t, app, "mo@example.com", "Mo Moderator", user.RoleModerator)
	max := apptest.CreateUser(t, app, "max@example.com", "Max Moderator", user.RoleModerator)
	requester := apptest.CreateUser(t, app, "user@example.com", "Uma User", user.RoleUser)
	su := core.NewRecord(mustCollection(t, app, core.CollectionNameSuperusers))
	su.SetEmail("root@example.com")
	su.SetPassword("password123456")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}

	for _, f := range []map[string]any{
		{ticket.FieldAssignedTo: mo.Id, ticket.FieldStatus: ticket.StatusAssigned},
		{ticket.FieldAssignedTo: mo.Id, ticket.FieldStatus: ticket.StatusInProgress},
		{ticket.FieldAssignedTo: max.Id, ticket.FieldStatus: ticket.StatusAssigned},
		{},
	} {
		apptest.CreateTicket(t, app, requester, "A ticket to count", f)
	}
	mux := serveMux(t, app)

	get := func(token string) (int, stats.Report) {
		req := httptest.NewRequest("GET", "/api/helpdesk/stats", nil)
		if token != "" {
			req.Header.Set("Authorization", token)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var r stats.Report
		if rec.Code == 200 {
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
		} else if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%d without PocketBase's JSON error: %s", rec.Code, rec.Body)
		}
		return rec.Code, r
	}

	cases := []struct {
		name, token string
		status      int
		scope       string
		open        int // open tickets counted
		assignees   int
	}{
		{name: "anonymous", status: http.StatusUnauthorized},
		{name: "user", token: apptest.Token(t, requester), status: http.StatusForbidden},
		{name: "moderator sees own", token: apptest.Token(t, mo), status: 200, scope: "assigned", open: 2, assignees: 1},
		{name: "other moderator sees own", token: apptest.Token(t, max), status: 200, scope: "assigned", open: 1, assignees: 1},
		{name: "admin sees all", token: apptest.Token(t, admin), status: 200, scope: "all", open: 4, assignees: 2},
		{name: "superuser sees all", token: apptest.Token(t, su), status: 200, scope: "all", open: 4, assignees: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, r := get(c.token)
			if code != c.status {
				t.Fatalf("status %d, want %d", code, c.status)
			}
			if code != 200 {
				return
			}
			open := 0
			for s, n := range r.ByStatus {
				if s != ticket.StatusDone {
					open += n
				}
			}
			if r.Scope != c.scope || open != c.open || len(r.OpenByAssignee) != c.assignees {
				t.Fatalf("scope %q open %d assignees %+v, want %q %d %d", r.Scope, open, r.OpenByAssignee, c.scope, c.open, c.assignees)
			}
		})
	}

	t.Run("triage latency is recorded when triage first finishes", func(t *testing.T) {
		tk := apptest.CreateTicket(t, app, requester, "Triaged later", nil)
		if tk.GetString(ticket.FieldTriage) != ticket.TriagePending {
			t.Fatalf("new ticket triage %q", tk.GetString(ticket.FieldTriage))
		}
		adminTok := apptest.Token(t, admin)
		if _, r := get(adminTok); r.TriageLatency.Last24h.Count != 0 {
			t.Fatalf("latency before any triage: %+v", r.TriageLatency)
		}

		tk.Set(ticket.FieldTriage, ticket.TriageDone)
		if err := app.Save(tk); err != nil {
			t.Fatal(err)
		}
		_, r := get(adminTok)
		l := r.TriageLatency.Last24h
		if l.Count != 1 || l.P50 == nil || *l.P50 < 0 || r.TriageLatency.Last7d.Count != 1 {
			t.Fatalf("after triage: %+v", r.TriageLatency)
		}
		first := *l.P50

		// a later edit does not move it
		tk.Set(ticket.FieldStatus, ticket.StatusDone)
		if err := app.Save(tk); err != nil {
			t.Fatal(err)
		}
		if _, r := get(adminTok); r.TriageLatency.Last24h.Count != 1 || *r.TriageLatency.Last24h.P50 != first {
			t.Fatalf("after an edit: %+v, want p50 %v", r.TriageLatency, first)
		}
		// the moderator scope does not see it (not assigned to them)
		if _, r := get(apptest.Token(t, mo)); r.TriageLatency.Last24h.Count != 0 {
			t.Fatalf("moderator sees another's latency: %+v", r.TriageLatency)
		}

		// a deleted ticket leaves the figures
		if err := app.Delete(tk); err != nil {
			t.Fatal(err)
		}
		if _, r := get(adminTok); r.TriageLatency.Last24h.Count != 0 {
			t.Fatalf("after delete: %+v", r.TriageLatency)
		}
		var left int
		if err := app.DB().Select("COUNT(*)").From(stats.TriageTimesTable).Row(&left); err != nil || left != 0 {
			t.Fatalf("triage times left after delete: %d %v", left, err)
		}
	})
}

func mustCollection(t *testing.T, app core.App, name string) *core.Collection {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
