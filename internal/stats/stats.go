// Package stats computes the figures a team lead opens every morning:
// tickets by status and priority, open tickets per assignee, overdue
// tickets, triage latency and triage outcomes by analyzer. Everything is
// counted in SQL (dbx) over the tickets indexes.
package stats

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// NoPriority is the by_priority key of tickets not triaged yet.
const NoPriority = "none"

// Scope says whose tickets count.
type Scope struct {
	// AssignedTo limits the figures to the tickets assigned to this user
	// id (a moderator's own figures); empty means every ticket.
	AssignedTo string
}

// Report is the answer of GET /api/helpdesk/stats.
type Report struct {
	// Scope is "all" or "assigned" (only the caller's tickets).
	Scope string `json:"scope"`
	// ByStatus counts tickets per status; every status is present.
	ByStatus map[string]int `json:"by_status"`
	// ByPriority counts tickets per priority, NoPriority for untriaged.
	ByPriority map[string]int `json:"by_priority"`
	// OpenByAssignee counts tickets not done per assignee, most first.
	OpenByAssignee []AssigneeCount `json:"open_by_assignee"`
	// OpenUnassigned counts tickets not done and assigned to nobody.
	OpenUnassigned int `json:"open_unassigned"`
	// Overdue counts tickets not done whose due time has passed.
	Overdue int `json:"overdue"`
	// Breaches counts the SLA breaches (a ticket's due passed while it
	// was open), each once; BreachesByAssignee splits them by who held the
	// ticket then (ID "" for nobody), most first.
	Breaches           int             `json:"breaches"`
	BreachesByAssignee []AssigneeCount `json:"breaches_by_assignee"`
	// TriageLatency is the time from creation to triage = done.
	TriageLatency Latencies `json:"triage_latency"`
	// ByAnalyzer counts finished triages per analyzer and outcome.
	ByAnalyzer []AnalyzerOutcome `json:"by_analyzer"`
	// ResponseTimes are the median first-response and resolution times.
	ResponseTimes ResponseTimes `json:"response_times"`
	// GeneratedAt is the time the figures were computed at.
	GeneratedAt types.DateTime `json:"generated_at"`
}

// AssigneeCount is one assignee's open tickets.
type AssigneeCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// AnalyzerOutcome counts the triages an analyzer finished, by outcome.
type AnalyzerOutcome struct {
	Analyzer string `json:"analyzer"`
	Done     int    `json:"done"`
	Failed   int    `json:"failed"`
}

// Latencies are the triage latencies of the tickets whose triage finished
// in the last 24 hours and the last 7 days.
type Latencies struct {
	Last24h Latency `json:"last_24h"`
	Last7d  Latency `json:"last_7d"`
}

// Latency summarizes triage latencies in seconds (nearest-rank
// percentiles); P50 and P95 are null when Count is 0.
type Latency struct {
	Count int      `json:"count"`
	P50   *float64 `json:"p50_seconds"`
	P95   *float64 `json:"p95_seconds"`
}

// Compute returns the figures for scope as of now.
func Compute(app core.App, scope Scope, now time.Time) (*Report, error) {
	nowDT, _ := types.ParseDateTime(now)
	r := &Report{
		Scope:          "all",
		ByStatus:       map[string]int{},
		ByPriority:     map[string]int{NoPriority: 0},
		OpenByAssignee: []AssigneeCount{},
		ByAnalyzer:     []AnalyzerOutcome{},
		GeneratedAt:    nowDT,
	}
	if scope.AssignedTo != "" {
		r.Scope = "assigned"
	}
	for _, s := range ticket.Statuses {
		r.ByStatus[s] = 0
	}
	for _, p := range ticket.Priorities {
		r.ByPriority[p] = 0
	}

	if err := tally(app, scope, now, r); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := countBreaches(app, scope, r); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := measureLatencies(app, scope, now, r); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := measureResponseTimes(app, scope, r); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return r, nil
}

// where returns the scope's condition on the tickets table aliased t.
func (s Scope) where() dbx.Expression {
	if s.AssignedTo == "" {
		return dbx.NewExp("1=1")
	}
	return dbx.HashExp{"t." + ticket.FieldAssignedTo: s.AssignedTo}
}

// group is one row of the tally: the tickets sharing these values.
type group struct {
	Status     string `db:"status"`
	Priority   string `db:"priority"`
	Triage     string `db:"triage"`
	Analyzer   string `db:"analyzer"`
	AssignedTo string `db:"assigned_to"`
	Count      int    `db:"n"`
	Overdue    int    `db:"overdue"`
}

// tally makes every count in one pass over the idx_tickets_stats covering
// index (its column order is the GROUP BY's, so SQLite needs no sort) and
// adds them up here; the groups are few (statuses × priorities × triage
// states × analyzers × assignees).
func tally(app core.App, scope Scope, now time.Time, r *Report) error {
	nowDT, _ := types.ParseDateTime(now)
	var groups []group
	err := app.DB().Select(
		"t.status AS status", "t.priority AS priority", "t.triage AS triage",
		"t.analyzer AS analyzer", "t.assigned_to AS assigned_to",
		"COUNT(*) AS n", "SUM(t.due != '' AND t.due < {:now}) AS overdue",
	).
		From(ticket.Collection+" t").
		Where(scope.where()).
		GroupBy("t.status", "t.priority", "t.triage", "t.analyzer", "t.assigned_to").
		Bind(dbx.Params{"now": nowDT.String()}).
		All(&groups)
	if err != nil {
		return fmt.Errorf("count tickets: %w", err)
	}

	open := map[string]int{}
	outcomes := map[string]*AnalyzerOutcome{}
	for _, g := range groups {
		r.ByStatus[g.Status] += g.Count
		p := g.Priority
		if p == "" {
			p = NoPriority
		}
		r.ByPriority[p] += g.Count
		if g.Status != ticket.StatusDone {
			r.Overdue += g.Overdue
			if g.AssignedTo == "" {
				r.OpenUnassigned += g.Count
			} else {
				open[g.AssignedTo] += g.Count
			}
		}
		if g.Triage == ticket.TriageDone || g.Triage == ticket.TriageFailed {
			o := outcomes[g.Analyzer]
			if o == nil {
				o = &AnalyzerOutcome{Analyzer: g.Analyzer}
				outcomes[g.Analyzer] = o
			}
			if g.Triage == ticket.TriageDone {
				o.Done += g.Count
			} else {
				o.Failed += g.Count
			}
		}
	}

	for _, o := range outcomes {
		r.ByAnalyzer = append(r.ByAnalyzer, *o)
	}
	slices.SortFunc(r.ByAnalyzer, func(a, b AnalyzerOutcome) int { return cmp.Compare(a.Analyzer, b.Analyzer) })

	names, err := userNames(app, slices.Collect(maps.Keys(open)))
	if err != nil {
		return err
	}
	for id, n := range open {
		r.OpenByAssignee = append(r.OpenByAssignee, AssigneeCount{ID: id, Name: names[id], Count: n})
	}
	slices.SortFunc(r.OpenByAssignee, func(a, b AssigneeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return nil
}

func userNames(app core.App, ids []string) (map[string]string, error) {
	names := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	in := make([]any, len(ids))
	for i, id := range ids {
		in[i] = id
	}
	if err := app.DB().Select("id", user.FieldName).From(user.Collection).Where(dbx.In("id", in...)).All(&rows); err != nil {
		return nil, fmt.Errorf("assignee names: %w", err)
	}
	for _, row := range rows {
		names[row.ID] = row.Name
	}
	return names, nil
}

// measureLatencies reads the last 7 days' triage times once and splits
// off the last 24 hours; sorting in Go beats SQLite's temporary B-tree.
func measureLatencies(app core.App, scope Scope, now time.Time, r *Report) error {
	weekAgo, _ := types.ParseDateTime(now.Add(-7 * 24 * time.Hour))
	dayAgo, _ := types.ParseDateTime(now.Add(-24 * time.Hour))
	q := app.DB().Select("x.triaged AS triaged", "x.seconds AS seconds").
		From(TriageTimesTable + " x").
		Where(dbx.NewExp("x.triaged >= {:since}", dbx.Params{"since": weekAgo.String()}))
	// the times of deleted tickets are dropped with them (hooks), so only
	// a scope needs the tickets
	if scope.AssignedTo != "" {
		q.InnerJoin(ticket.Collection+" t", dbx.NewExp("t.id = x.ticket")).AndWhere(scope.where())
	}
	var rows []struct {
		Triaged string  `db:"triaged"`
		Seconds float64 `db:"seconds"`
	}
	if err := q.All(&rows); err != nil {
		return fmt.Errorf("triage latency: %w", err)
	}
	week := make([]float64, 0, len(rows))
	var day []float64
	for _, row := range rows {
		week = append(week, row.Seconds)
		// the stored times share one format, so text order is time order
		if row.Triaged >= dayAgo.String() {
			day = append(day, row.Seconds)
		}
	}
	slices.Sort(week)
	slices.Sort(day)
	r.TriageLatency = Latencies{Last24h: summarize(day), Last7d: summarize(week)}
	return nil
}

// summarize takes sorted latencies.
func summarize(sorted []float64) Latency {
	l := Latency{Count: len(sorted)}
	if l.Count == 0 {
		return l
	}
	rank := func(p float64) *float64 {
		v := sorted[max(int(math.Ceil(p*float64(len(sorted))))-1, 0)]
		v = math.Round(v*1000) / 1000
		return &v
	}
	l.P50, l.P95 = rank(0.50), rank(0.95)
	return l
}
