package hooks_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"helpdesk/internal/ticket"
)

// TestSeverity: the server keeps severity equal to the priority, whoever
// writes it; no client sets it.
func TestSeverity(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)
	severity := func(id string) int {
		t.Helper()
		r, err := app.FindRecordById(ticket.Collection, id)
		if err != nil {
			t.Fatal(err)
		}
		return r.GetInt(ticket.FieldSeverity)
	}
	if got := severity(idOpen); got != 2 {
		t.Errorf("seeded medium ticket: severity %d", got)
	}
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"priority": ticket.PriorityCritical})
	if got := severity(idOpen); got != 4 {
		t.Errorf("critical: severity %d", got)
	}
	mustDo(t, srv, asAssigned, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"priority": ticket.PriorityLow})
	if got := severity(idOpen); got != 1 {
		t.Errorf("low by the assignee: severity %d", got)
	}
	// sent back unchanged with the rest of the record: not a change
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"priority": ticket.PriorityHigh, "severity": 3})
	for _, a := range []actor{asAdmin, asAssigned, asUser} {
		status, body := do(t, srv, a, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"severity": 0})
		if status < 400 || status >= 500 || !strings.Contains(string(body), fieldError("severity")) {
			t.Errorf("%s set severity: %d %s", a, status, body)
		}
	}
	status, body := do(t, srv, asUser, http.MethodPost, ticketsURL, map[string]any{"title": "Severe", "description": "x", "severity": 4})
	if status != http.StatusBadRequest || !strings.Contains(string(body), fieldError("severity")) {
		t.Errorf("create with severity: %d %s", status, body)
	}
	if got := severity(idOpen); got != 3 {
		t.Errorf("after the refusals: severity %d, want 3", got)
	}
	// the model layer (triage, commands) too, and no priority is 0
	r, _ := app.FindRecordById(ticket.Collection, idOthers)
	r.Set(ticket.FieldPriority, "")
	r.Set(ticket.FieldSeverity, 4)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if got := severity(idOthers); got != 0 {
		t.Errorf("no priority: severity %d", got)
	}
}

// TestSeveritySQL: the migration's backfill gives what Severity gives.
func TestSeveritySQL(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	for _, p := range append(slices.Clone(ticket.Priorities), "", "bogus") {
		var n int
		if err := app.DB().NewQuery(`SELECT ` + ticket.SeveritySQL + ` FROM (SELECT {:p} AS priority)`).Bind(dbx.Params{"p": p}).Row(&n); err != nil {
			t.Fatal(err)
		}
		if n != ticket.Severity(p) {
			t.Errorf("%q: SQL %d, Go %d", p, n, ticket.Severity(p))
		}
	}
}

// TestQueue: open tickets, most severe first then the earliest due, for
// every role (each within their list), and served from an index: the
// queries PocketBase runs use idx_tickets_queue (or a scope index) and
// never join users nor sort every row.
func TestQueue(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	for id, p := range map[string]string{idOpen: ticket.PriorityLow, idOthers: ticket.PriorityCritical, idModTicket: ticket.PriorityHigh, idDone: ticket.PriorityCritical} {
		r, _ := app.FindRecordById(ticket.Collection, id)
		r.Set(ticket.FieldPriority, p)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	var queries []string
	db := app.ConcurrentDB().(*dbx.DB)
	db.QueryLogFunc = func(_ context.Context, _ time.Duration, sql string, _ *sql.Rows, _ error) {
		if strings.Contains(sql, "FROM `tickets`") {
			queries = append(queries, sql)
		}
	}
	srv := serve(t, app)
	want := map[actor][]string{
		asUser:      {idOpen},
		asOther:     {idOthers},
		asModerator: {idModTicket},
		asAssigned:  {idOpen},
		asAdmin:     {idOthers, idModTicket, idOpen},
		asSuperuser: {idOthers, idModTicket, idOpen},
	}
	for a, ids := range want {
		body := mustDo(t, srv, a, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`status != "done"`)+"&sort=-severity,due", nil)
		var res struct{ Items []struct{ ID string } }
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range res.Items {
			got = append(got, it.ID)
		}
		if !slices.Equal(got, ids) {
			t.Errorf("%s: queue %v, want %v", a, got, ids)
		}
	}
	db.QueryLogFunc = nil
	if len(queries) == 0 {
		t.Fatal("no list query seen")
	}
	for _, q := range queries {
		var plan []struct {
			Detail string `db:"detail"`
		}
		if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q).All(&plan); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var steps []string
		for _, p := range plan {
			steps = append(steps, p.Detail)
		}
		all := strings.Join(steps, "; ")
		if strings.Contains(all, "users") || strings.Contains(all, "DISTINCT") || strings.Contains(all, "SCAN tickets") && !strings.Contains(all, "INDEX") {
			t.Errorf("%s\n  plan: %s", q, all)
		}
		if strings.Contains(q, "ORDER BY") && strings.Contains(all, "TEMP B-TREE FOR ORDER BY") && !strings.Contains(q, "created_by") {
			t.Errorf("the admin queue sorts every row: %s\n  plan: %s", q, all)
		}
	}
}
