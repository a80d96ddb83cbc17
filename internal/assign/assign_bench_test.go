package assign_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// BenchmarkRoute routes tickets one after the other across 50 moderators
// (each with 3 of 12 skills, one in five capped at 250 open tickets) and
// 3 admins, each ticket needing 1 to 3 skills; every routed ticket is
// stored assigned (and stays open: the worst case, every pick counts
// them all), so the next one sees the loads. Run it with
// -benchtime=10000x for the 10,000 tickets of docs/BENCHMARKS.md: ns/op
// is the time per assignment (reading the staff and their loads, and
// choosing; storing the ticket is not timed), spread the difference
// between the most and the least loaded moderator at the end, and
// unassigned the tickets nobody could take.
func BenchmarkRoute(b *testing.B) {
	app := apptest.NewApp(b)
	requester := apptest.CreateUser(b, app, "uma@example.com", "Uma", user.RoleUser)
	skills := make([]string, 12)
	for i := range skills {
		skills[i] = fmt.Sprintf("skill-%d", i)
	}
	var mods []string
	for i := range 50 {
		u := apptest.CreateUser(b, app, fmt.Sprintf("mod%d@example.com", i), "Moderator", user.RoleModerator,
			skills[i%12], skills[(i+3)%12], skills[(i+7)%12])
		if i%5 == 0 {
			u.Set(user.FieldMaxOpen, 250)
			if err := app.Save(u); err != nil {
				b.Fatal(err)
			}
		}
		mods = append(mods, u.Id)
	}
	for i := range 3 {
		apptest.CreateUser(b, app, fmt.Sprintf("admin%d@example.com", i), "Admin", user.RoleAdmin)
	}
	var cfg assign.Config
	unassigned, n := 0, 0
	b.ResetTimer()
	for b.Loop() {
		need := []string{skills[n%12]}
		if n%3 > 0 {
			need = append(need, skills[(n+5)%12])
		}
		if n%3 > 1 {
			need = append(need, skills[(n+9)%12])
		}
		c, err := cfg.Pick(app, need)
		if err != nil {
			b.Fatal(err)
		}
		if c.UserID == "" {
			unassigned++
		}
		b.StopTimer() // storing the ticket is not the routing's time
		_, err = app.DB().Insert(ticket.Collection, dbx.Params{
			"id": fmt.Sprintf("bench%010d", n), ticket.FieldNumber: n + 1, ticket.FieldTitle: "Bench", ticket.FieldDescription: "Bench",
			ticket.FieldStatus: ticket.StatusAssigned, ticket.FieldTriage: ticket.TriageDone, ticket.FieldCreatedBy: requester.Id,
			ticket.FieldAssignedTo: c.UserID, "created": "2026-01-01 00:00:00.000Z", "updated": "2026-01-01 00:00:00.000Z",
		}).Execute()
		if err != nil {
			b.Fatal(err)
		}
		n++
		b.StartTimer()
	}
	b.StopTimer()
	loads := moderatorLoads(b, app, mods)
	b.ReportMetric(float64(slices.Max(loads)-slices.Min(loads)), "spread")
	b.ReportMetric(float64(unassigned), "unassigned")
}

func moderatorLoads(tb testing.TB, app core.App, ids []string) []int {
	tb.Helper()
	staff, err := assign.Staff(app)
	if err != nil {
		tb.Fatal(err)
	}
	var out []int
	for _, s := range staff {
		if slices.Contains(ids, s.ID) {
			out = append(out, s.Load)
		}
	}
	return out
}
