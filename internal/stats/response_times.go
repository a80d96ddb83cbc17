package stats

import (
	"cmp"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
)

// ResponseTimes are the median times from a ticket's creation to its
// first public staff reply (first_response_at) and to its resolution
// (resolved_at, so of the tickets done now), overall and per assignee.
type ResponseTimes struct {
	FirstResponse Median `json:"first_response"`
	Resolution    Median `json:"resolution"`
	// ByAssignee has one row per current assignee with a figure, by name.
	ByAssignee []AssigneeTimes `json:"by_assignee"`
}

// Median summarizes durations in seconds; Seconds is null when Count is 0.
type Median struct {
	Count   int      `json:"count"`
	Seconds *float64 `json:"median_seconds"`
}

// AssigneeTimes are one assignee's medians.
type AssigneeTimes struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	FirstResponse Median `json:"first_response"`
	Resolution    Median `json:"resolution"`
}

// measureResponseTimes reads the two durations of every ticket that has
// one (SQLite computes them) and takes the medians here.
func measureResponseTimes(app core.App, scope Scope, r *Report) error {
	var rows []struct {
		AssignedTo string          `db:"assigned_to"`
		First      sql.NullFloat64 `db:"first"`
		Resolved   sql.NullFloat64 `db:"resolved"`
	}
	seconds := func(field string) string {
		return "CASE WHEN t." + field + " != '' THEN MAX(julianday(t." + field + ") - julianday(t.created), 0) * 86400 END"
	}
	err := app.DB().Select("t.assigned_to AS assigned_to",
		seconds(ticket.FieldFirstResponseAt)+" AS first", seconds(ticket.FieldResolvedAt)+" AS resolved").
		From(ticket.Collection + " t").
		Where(scope.where()).
		AndWhere(dbx.NewExp("(t." + ticket.FieldFirstResponseAt + " != '' OR t." + ticket.FieldResolvedAt + " != '')")).
		All(&rows)
	if err != nil {
		return fmt.Errorf("response times: %w", err)
	}
	var first, resolved []float64
	per := map[string]*[2][]float64{}
	for _, row := range rows {
		p := per[row.AssignedTo]
		if p == nil && row.AssignedTo != "" {
			p = &[2][]float64{}
			per[row.AssignedTo] = p
		}
		if row.First.Valid {
			first = append(first, row.First.Float64)
			if p != nil {
				p[0] = append(p[0], row.First.Float64)
			}
		}
		if row.Resolved.Valid {
			resolved = append(resolved, row.Resolved.Float64)
			if p != nil {
				p[1] = append(p[1], row.Resolved.Float64)
			}
		}
	}
	r.ResponseTimes = ResponseTimes{FirstResponse: median(first), Resolution: median(resolved), ByAssignee: []AssigneeTimes{}}
	names, err := userNames(app, slices.Collect(maps.Keys(per)))
	if err != nil {
		return err
	}
	for id, p := range per {
		r.ResponseTimes.ByAssignee = append(r.ResponseTimes.ByAssignee, AssigneeTimes{
			ID: id, Name: names[id], FirstResponse: median(p[0]), Resolution: median(p[1]),
		})
	}
	slices.SortFunc(r.ResponseTimes.ByAssignee, func(a, b AssigneeTimes) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return nil
}

// median of durations (the mean of the middle two for an even count),
// rounded to the millisecond.
func median(v []float64) Median {
	m := Median{Count: len(v)}
	if m.Count == 0 {
		return m
	}
	slices.Sort(v)
	mid := v[len(v)/2]
	if len(v)%2 == 0 {
		mid = (v[len(v)/2-1] + mid) / 2
	}
	mid = math.Round(mid*1000) / 1000
	m.Seconds = &mid
	return m
}
