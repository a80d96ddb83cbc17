package stats_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/apptest"
	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
)

// seedUsers writes n users, the first mods of them moderators, straight
// into SQLite (hashing 2,000 passwords would dominate the set-up).
func seedUsers(b *testing.B, app core.App, n, mods int) (users, moderators []string) {
	b.Helper()
	hash := user(b, app, "template@example.com", "Template", "user").GetString("password")
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range n {
			id, role := security.RandomString(15), "user"
			if i < mods {
				role = "moderator"
				moderators = append(moderators, id)
			} else {
				users = append(users, id)
			}
			_, err := tx.DB().Insert("users", dbx.Params{
				"id": id, "email": fmt.Sprintf("u%d@example.com", i), "emailVisibility": false, "verified": true,
				"password": hash, "tokenKey": security.RandomString(50), "name": fmt.Sprintf("User %d", i),
				"avatar": "", "role": role, "skills": "[]", "created": "2026-01-01 00:00:00.000Z", "updated": "2026-01-01 00:00:00.000Z",
			}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return users, moderators
}

// seedTickets writes n realistic tickets straight into SQLite (saving them
// one by one through the app would take minutes), spread over 30 days,
// between users and moderators, most of them triaged.
func seedTickets(b *testing.B, app core.App, n int, users, moderators []string, now time.Time) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	desc := strings.Repeat("The printer on the second floor shows an error and nothing prints. ", 6)
	dt := func(t time.Time) string { d, _ := types.ParseDateTime(t); return d.String() }
	analyzers := []string{"builtin", "gemini:gemini-2.5-flash", "builtin (gemini failed: 503)"}

	err := app.RunInTransaction(func(tx core.App) error {
		for i := range n {
			created := now.Add(-time.Duration(rng.Int64N(int64(30 * 24 * time.Hour))))
			row := dbx.Params{
				"id": security.RandomString(15), "title": fmt.Sprintf("Ticket %d about the printer", i),
				"description": desc, "summary": "", "helpful_notes": "", "related_skills": "[]", "resource_links": "[]",
				"created_by": pick(users), "created": dt(created), "updated": dt(created),
				"status": "todo", "priority": "", "triage": "pending", "analyzer": "", "assigned_to": "", "due": "",
			}
			if rng.IntN(20) != 0 { // 95% triaged
				triaged := created.Add(time.Duration(500+rng.IntN(30000)) * time.Millisecond)
				row["status"] = ticket.Statuses[1+rng.IntN(3)]
				row["priority"] = pick(ticket.Priorities)
				row["triage"] = ticket.TriageDone
				row["analyzer"] = pick(analyzers)
				row["assigned_to"] = pick(moderators)
				row["due"] = dt(created.Add(24 * time.Hour))
				if err := stats.RecordTriaged(tx, row["id"].(string), created, triaged); err != nil {
					return err
				}
			}
			if _, err := tx.DB().Insert(ticket.Collection, row).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkStats100k measures GET /api/helpdesk/stats's work at 100,000
// tickets and 2,000 users: `go test ./internal/stats -run '^$' -bench Stats100k`.
func BenchmarkStats100k(b *testing.B) {
	app := apptest.NewApp(b)
	now := time.Now()
	users, moderators := seedUsers(b, app, 2000, 40)
	seedTickets(b, app, 100_000, users, moderators, now)

	// the floor to compare with: the cheapest useful count, by status over
	// its own index, in the same process
	b.Run("baseline-count-by-status", func(b *testing.B) {
		for b.Loop() {
			var rows []struct {
				Status string `db:"status"`
				N      int    `db:"n"`
			}
			if err := app.DB().NewQuery("SELECT status, COUNT(*) AS n FROM tickets GROUP BY status").All(&rows); err != nil {
				b.Fatal(err)
			}
		}
	})

	for _, c := range []struct {
		name  string
		scope stats.Scope
	}{
		{"admin", stats.Scope{}},
		{"moderator", stats.Scope{AssignedTo: moderators[0]}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				r, err := stats.Compute(app, c.scope, now)
				if err != nil {
					b.Fatal(err)
				}
				if r.TriageLatency.Last7d.Count == 0 {
					b.Fatal("no latencies")
				}
			}
		})
	}
}
