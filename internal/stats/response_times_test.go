package stats_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/apptest"
	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
)

func TestResponseTimes(t *testing.T) {
	app := apptest.NewApp(t)
	mo := user(t, app, "mo@example.com", "Mo Moderator", "moderator")
	max := user(t, app, "max@example.com", "Max Moderator", "moderator")
	creator := user(t, app, "u@example.com", "Uma User", "user")
	col, err := app.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
	// minutes from creation; 0: none
	for i, s := range []struct {
		assigned          string
		first, resolution int
	}{
		{mo.Id, 10, 60},
		{mo.Id, 30, 0},
		{mo.Id, 20, 120},
		{max.Id, 5, 0},
		{max.Id, 0, 0},
		{"", 0, 0},
	} {
		r := core.NewRecord(col)
		r.Set(ticket.FieldTitle, "Ticket "+string(rune('A'+i)))
		r.Set(ticket.FieldDescription, "x")
		r.Set(ticket.FieldCreatedBy, creator.Id)
		r.Set(ticket.FieldAssignedTo, s.assigned)
		r.Set(ticket.FieldStatus, ticket.StatusAssigned)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		at := func(min int) string {
			if min == 0 {
				return ""
			}
			d, _ := types.ParseDateTime(created.Add(time.Duration(min) * time.Minute))
			return d.String()
		}
		c, _ := types.ParseDateTime(created)
		_, err := app.DB().Update(ticket.Collection, dbx.Params{
			"created": c.String(), ticket.FieldFirstResponseAt: at(s.first), ticket.FieldResolvedAt: at(s.resolution),
		}, dbx.HashExp{"id": r.Id}).Execute()
		if err != nil {
			t.Fatal(err)
		}
	}
	sec := func(min float64) float64 { return min * 60 }
	check := func(name string, got stats.Median, count int, want float64) {
		t.Helper()
		if got.Count != count || (count > 0 && (got.Seconds == nil || *got.Seconds != want)) || (count == 0 && got.Seconds != nil) {
			t.Errorf("%s: %+v (seconds %v), want count %d median %v", name, got, got.Seconds, count, want)
		}
	}

	all, err := stats.Compute(app, stats.Scope{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	rt := all.ResponseTimes
	check("first response", rt.FirstResponse, 4, sec(15)) // 5 10 20 30
	check("resolution", rt.Resolution, 2, sec(90))        // 60 120
	if len(rt.ByAssignee) != 2 || rt.ByAssignee[0].ID != max.Id || rt.ByAssignee[1].ID != mo.Id {
		t.Fatalf("by assignee: %+v", rt.ByAssignee)
	}
	check("max first response", rt.ByAssignee[0].FirstResponse, 1, sec(5))
	check("max resolution", rt.ByAssignee[0].Resolution, 0, 0)
	check("mo first response", rt.ByAssignee[1].FirstResponse, 3, sec(20))
	check("mo resolution", rt.ByAssignee[1].Resolution, 2, sec(90))
	if rt.ByAssignee[1].Name != "Mo Moderator" {
		t.Errorf("name %q", rt.ByAssignee[1].Name)
	}

	own, err := stats.Compute(app, stats.Scope{AssignedTo: max.Id}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	check("max's own first response", own.ResponseTimes.FirstResponse, 1, sec(5))
	if len(own.ResponseTimes.ByAssignee) != 1 {
		t.Errorf("a moderator's figures show others: %+v", own.ResponseTimes.ByAssignee)
	}
}
