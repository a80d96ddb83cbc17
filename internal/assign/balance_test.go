package assign_test

import (
	"fmt"
	"testing"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// TestBalance routes 300 tickets that all need one skill held by three
// moderators, one ticket after the other, each stored through the app
// (hooks and all). Each moderator ends within ±10 % of an even split, and
// one capped by max_open never exceeds it while the others share the rest.
func TestBalance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		maxOpen int     // of the first moderator
		want    [3]int  // even share of each
		slack   float64 // allowed deviation
	}{
		{name: "even split", want: [3]int{100, 100, 100}, slack: 0.10},
		{name: "one capped at 40", maxOpen: 40, want: [3]int{40, 130, 130}, slack: 0.10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			app := apptest.NewApp(t)
			requester := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser)
			var mods []string
			for i := range 3 {
				u := apptest.CreateUser(t, app, fmt.Sprintf("mod%d@example.com", i), "Moderator", user.RoleModerator, "vpn", fmt.Sprintf("other-%d", i))
				if i == 0 && c.maxOpen > 0 {
					u.Set(user.FieldMaxOpen, c.maxOpen)
					if err := app.Save(u); err != nil {
						t.Fatal(err)
					}
				}
				mods = append(mods, u.Id)
			}
			apptest.CreateUser(t, app, "other@example.com", "Unfit", user.RoleModerator, "billing")
			apptest.CreateUser(t, app, "admin@example.com", "Admin", user.RoleAdmin)

			var cfg assign.Config
			for i := range 300 {
				choice, err := cfg.Pick(app, []string{"VPN"})
				if err != nil {
					t.Fatal(err)
				}
				if choice.Rule != assign.RuleSkillMatch {
					t.Fatalf("ticket %d: %+v, want a skill match", i, choice)
				}
				apptest.CreateTicket(t, app, requester, fmt.Sprintf("Ticket %d", i), map[string]any{
					ticket.FieldAssignedTo: choice.UserID, ticket.FieldStatus: ticket.StatusAssigned,
					ticket.FieldTriage: ticket.TriageDone, ticket.FieldRelatedSkills: []string{"vpn"},
				})
				if c.maxOpen > 0 {
					if load := moderatorLoads(t, app, mods[:1])[0]; load > c.maxOpen {
						t.Fatalf("after ticket %d the capped moderator holds %d > max_open %d", i, load, c.maxOpen)
					}
				}
			}
			loads := map[string]int{}
			staff, err := assign.Staff(app)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range staff {
				loads[s.ID] = s.Load
			}
			for i, id := range mods {
				lo, hi := float64(c.want[i])*(1-c.slack), float64(c.want[i])*(1+c.slack)
				if got := float64(loads[id]); got < lo || got > hi {
					t.Errorf("moderator %d holds %d tickets, want %d ±10 %%", i, loads[id], c.want[i])
				}
			}
			if total := loads[mods[0]] + loads[mods[1]] + loads[mods[2]]; total != 300 {
				t.Errorf("the three fit moderators hold %d tickets, want all 300", total)
			}
		})
	}
}
