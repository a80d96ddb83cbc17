package stats_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/apptest"
	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
)

func user(t testing.TB, app core.App, email, name, role string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(col)
	u.SetEmail(email)
	u.SetPassword("password123")
	u.Set("name", name)
	u.Set("role", role)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestStatsCompute(t *testing.T) {
	app := apptest.NewApp(t)
	now := time.Now().UTC().Truncate(time.Second)
	mo := user(t, app, "mo@example.com", "Mo Moderator", "moderator")
	max := user(t, app, "max@example.com", "Max Moderator", "moderator")
	creator := user(t, app, "u@example.com", "Uma User", "user")
	col, err := app.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}

	type seed struct {
		status, priority, triage, analyzer, assigned string
		due                                          time.Duration // from now; 0: no due
		latency                                      time.Duration // 0: triage never finished
		finishedAgo                                  time.Duration
	}
	seeds := []seed{
		{status: "todo", triage: "pending"},
		{status: "assigned", priority: "high", triage: "done", analyzer: "builtin", assigned: mo.Id, due: -time.Hour, latency: 10 * time.Second, finishedAgo: 2 * time.Hour},
		{status: "in_progress", priority: "critical", triage: "done", analyzer: "gemini:gemini-2.5-flash", assigned: mo.Id, due: time.Hour, latency: 30 * time.Second, finishedAgo: 3 * 24 * time.Hour},
		{status: "done", priority: "low", triage: "done", analyzer: "builtin", assigned: mo.Id, due: -time.Hour, latency: time.Minute, finishedAgo: time.Hour},
		{status: "assigned", priority: "medium", triage: "done", analyzer: "builtin", assigned: max.Id, due: -time.Minute, latency: 20 * time.Second, finishedAgo: 10 * 24 * time.Hour},
		{status: "todo", triage: "failed"},
	}
	for i, s := range seeds {
		r := core.NewRecord(col)
		r.Set(ticket.FieldTitle, "Ticket number "+string(rune('A'+i)))
		r.Set(ticket.FieldDescription, "Something")
		r.Set(ticket.FieldStatus, s.status)
		r.Set(ticket.FieldPriority, s.priority)
		r.Set(ticket.FieldTriage, s.triage)
		r.Set(ticket.FieldAnalyzer, s.analyzer)
		r.Set(ticket.FieldCreatedBy, creator.Id)
		r.Set(ticket.FieldAssignedTo, s.assigned)
		if s.due != 0 {
			r.Set(ticket.FieldDue, now.Add(s.due))
		}
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		// the stats hook noted the save itself as the triage's finish:
		// replace it with the seeded latency
		if err := stats.ForgetTicket(app, r.Id); err != nil {
			t.Fatal(err)
		}
		if s.latency > 0 {
			done := now.Add(-s.finishedAgo)
			if err := stats.RecordTriaged(app, r.Id, done.Add(-s.latency), done); err != nil {
				t.Fatal(err)
			}
			// only the first finish counts
			if err := stats.RecordTriaged(app, r.Id, done.Add(-s.latency), now); err != nil {
				t.Fatal(err)
			}
		}
	}

	cases := []struct {
		name  string
		scope stats.Scope
		want  string
	}{
		{
			name: "everyone",
			want: `{
				"scope": "all",
				"by_status": {"todo": 2, "assigned": 2, "in_progress": 1, "done": 1},
				"by_priority": {"none": 2, "low": 1, "medium": 1, "high": 1, "critical": 1},
				"open_by_assignee": [
					{"id": "` + mo.Id + `", "name": "Mo Moderator", "count": 2},
					{"id": "` + max.Id + `", "name": "Max Moderator", "count": 1}
				],
				"open_unassigned": 2,
				"overdue": 2,
				"breaches": 0,
				"breaches_by_assignee": [],
				"triage_latency": {
					"last_24h": {"count": 2, "p50_seconds": 10, "p95_seconds": 60},
					"last_7d": {"count": 3, "p50_seconds": 30, "p95_seconds": 60}
				},
				"by_analyzer": [
					{"analyzer": "", "done": 0, "failed": 1},
					{"analyzer": "builtin", "done": 3, "failed": 0},
					{"analyzer": "gemini:gemini-2.5-flash", "done": 1, "failed": 0}
				],
				"response_times": {"first_response": {"count": 0, "median_seconds": null}, "resolution": {"count": 0, "median_seconds": null}, "by_assignee": []}
			}`,
		},
		{
			name:  "a moderator's own",
			scope: stats.Scope{AssignedTo: mo.Id},
			want: `{
				"scope": "assigned",
				"by_status": {"todo": 0, "assigned": 1, "in_progress": 1, "done": 1},
				"by_priority": {"none": 0, "low": 1, "medium": 0, "high": 1, "critical": 1},
				"open_by_assignee": [{"id": "` + mo.Id + `", "name": "Mo Moderator", "count": 2}],
				"open_unassigned": 0,
				"overdue": 1,
				"breaches": 0,
				"breaches_by_assignee": [],
				"triage_latency": {
					"last_24h": {"count": 2, "p50_seconds": 10, "p95_seconds": 60},
					"last_7d": {"count": 3, "p50_seconds": 30, "p95_seconds": 60}
				},
				"by_analyzer": [
					{"analyzer": "builtin", "done": 2, "failed": 0},
					{"analyzer": "gemini:gemini-2.5-flash", "done": 1, "failed": 0}
				],
				"response_times": {"first_response": {"count": 0, "median_seconds": null}, "resolution": {"count": 0, "median_seconds": null}, "by_assignee": []}
			}`,
		},
		{
			name:  "nobody's",
			scope: stats.Scope{AssignedTo: creator.Id},
			want: `{
				"scope": "assigned",
				"by_status": {"todo": 0, "assigned": 0, "in_progress": 0, "done": 0},
				"by_priority": {"none": 0, "low": 0, "medium": 0, "high": 0, "critical": 0},
				"open_by_assignee": [],
				"open_unassigned": 0,
				"overdue": 0,
				"breaches": 0,
				"breaches_by_assignee": [],
				"triage_latency": {
					"last_24h": {"count": 0, "p50_seconds": null, "p95_seconds": null},
					"last_7d": {"count": 0, "p50_seconds": null, "p95_seconds": null}
				},
				"by_analyzer": [],
				"response_times": {"first_response": {"count": 0, "median_seconds": null}, "resolution": {"count": 0, "median_seconds": null}, "by_assignee": []}
			}`,
		},
	}
	// the done ticket was resolved as it was saved: response times are
	// TestResponseTimes' subject
	if _, err := app.DB().NewQuery("UPDATE tickets SET resolved_at = ''").Execute(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := stats.Compute(app, c.scope, now)
			if err != nil {
				t.Fatal(err)
			}
			if gen, _ := types.ParseDateTime(now); !r.GeneratedAt.Equal(gen) {
				t.Errorf("generated_at %v, want %v", r.GeneratedAt, now)
			}
			r.GeneratedAt = types.DateTime{}
			assertSameJSON(t, r, c.want)
		})
	}

}

func assertSameJSON(t *testing.T, got any, want string) {
	t.Helper()
	raw, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var g, w map[string]any
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	delete(g, "generated_at")
	gj, _ := json.MarshalIndent(g, "", "  ")
	wj, _ := json.MarshalIndent(w, "", "  ")
	if string(gj) != string(wj) {
		t.Errorf("got\n%s\nwant\n%s", gj, wj)
	}
}
