package assign_test

import (
	"fmt"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// BenchmarkPick picks among 20 moderators and 5 admins who share 20 000
// tickets, a quarter of them open.
func BenchmarkPick(b *testing.B) {
	app := apptest.NewApp(b)
	requester := apptest.CreateUser(b, app, "uma@example.com", "Uma", user.RoleUser)
	var staff []string
	for i := range 25 {
		role, skills := user.RoleModerator, []string{fmt.Sprintf("skill-%d", i%7), "vpn"}
		if i >= 20 {
			role, skills = user.RoleAdmin, nil
		}
		staff = append(staff, apptest.CreateUser(b, app, fmt.Sprintf("staff%d@example.com", i), "Staff", role, skills...).Id)
	}
	err := app.RunInTransaction(func(txApp core.App) error {
		for i := range 20000 {
			status := ticket.StatusDone
			if i%4 == 0 {
				status = ticket.StatusAssigned
			}
			_, err := txApp.DB().Insert(ticket.Collection, dbx.Params{
				"id": fmt.Sprintf("bench%010d", i), ticket.FieldTitle: "Bench", ticket.FieldDescription: "Bench",
				ticket.FieldStatus: status, ticket.FieldTriage: ticket.TriageDone, ticket.FieldCreatedBy: requester.Id,
				ticket.FieldAssignedTo: staff[i%len(staff)], "created": "2026-01-01 00:00:00.000Z", "updated": "2026-01-01 00:00:00.000Z",
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
	b.ResetTimer()
	for b.Loop() {
		if c, err := assign.Pick(app, []string{"skill-3", "vpn"}); err != nil || c.Rule != assign.RuleSkillMatch {
			b.Fatalf("%+v, %v", c, err)
		}
	}
}
