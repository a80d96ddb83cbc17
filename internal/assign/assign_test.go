package assign_test

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

func TestChoose(t *testing.T) {
	t.Parallel()
	mod := func(id string, load int, created string, skills ...string) assign.Candidate {
		return assign.Candidate{ID: id, Role: user.RoleModerator, Skills: skills, Load: load, Created: created}
	}
	admin := func(id string, load int, created string) assign.Candidate {
		return assign.Candidate{ID: id, Role: user.RoleAdmin, Load: load, Created: created}
	}
	const (
		jan = "2026-01-01 00:00:00.000Z"
		feb = "2026-02-01 00:00:00.000Z"
		mar = "2026-03-01 00:00:00.000Z"
	)
	cases := []struct {
		name   string
		staff  []assign.Candidate
		skills []string
		want   string
		rule   assign.Rule
	}{
		{"most matching skills wins over load", []assign.Candidate{
			mod("one", 0, jan, "vpn"), mod("two", 9, feb, "vpn", "dns"), admin("boss", 0, jan),
		}, []string{"dns", "vpn"}, "two", assign.RuleSkillMatch},
		{"skills match after normalization", []assign.Candidate{
			mod("one", 0, jan, "networking"), mod("two", 0, feb, "active directory"),
		}, []string{"  Active   Directory "}, "two", assign.RuleSkillMatch},
		{"a tie goes to the fewest open tickets", []assign.Candidate{
			mod("busy", 3, jan, "vpn"), mod("idle", 1, mar, "vpn"), mod("other", 0, jan, "dns"),
		}, []string{"vpn"}, "idle", assign.RuleSkillMatch},
		{"then to the earliest account", []assign.Candidate{
			mod("late", 1, mar, "vpn"), mod("early", 1, jan, "vpn"), mod("mid", 1, feb, "vpn"),
		}, []string{"vpn"}, "early", assign.RuleSkillMatch},
		{"then to the smallest id, so the choice is deterministic", []assign.Candidate{
			mod("b", 1, jan, "vpn"), mod("a", 1, jan, "vpn"),
		}, []string{"vpn"}, "a", assign.RuleSkillMatch},
		{"no matching moderator: least-loaded admin", []assign.Candidate{
			mod("one", 0, jan, "vpn"), admin("busy", 2, jan), admin("free", 1, feb),
		}, []string{"billing"}, "free", assign.RuleLeastLoadedAdmin},
		{"no skills on the ticket: least-loaded admin", []assign.Candidate{
			mod("one", 0, jan, "vpn"), admin("boss", 5, jan),
		}, nil, "boss", assign.RuleLeastLoadedAdmin},
		{"no admin: least-loaded moderator", []assign.Candidate{
			mod("busy", 4, jan, "vpn"), mod("free-late", 0, mar), mod("free", 0, feb),
		}, []string{"billing"}, "free", assign.RuleLeastLoadedMod},
		{"admins' skills do not count as a match", []assign.Candidate{
			{ID: "boss", Role: user.RoleAdmin, Skills: []string{"billing"}, Load: 3, Created: jan}, mod("one", 0, jan, "vpn"),
		}, []string{"billing"}, "boss", assign.RuleLeastLoadedAdmin},
		{"plain users are never candidates", []assign.Candidate{
			{ID: "user", Role: user.RoleUser, Skills: []string{"billing"}, Created: jan},
		}, []string{"billing"}, "", assign.RuleNoStaff},
		{"no staff", nil, []string{"billing"}, "", assign.RuleNoStaff},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := assign.Choose(c.staff, c.skills)
			if got.UserID != c.want || got.Rule != c.rule {
				t.Errorf("chose %q by %q, want %q by %q", got.UserID, got.Rule, c.want, c.rule)
			}
		})
	}
}

// TestPick runs the rules on a real database: the load counts the open
// tickets assigned to each staff member and nothing else.
func TestPick(t *testing.T) {
	t.Parallel()
	app := apptest.NewApp(t)
	requester := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser, "vpn")

	if got, err := assign.Pick(app, []string{"vpn"}); err != nil || got.Rule != assign.RuleNoStaff {
		t.Fatalf("no staff: %+v, %v", got, err)
	}

	early := apptest.CreateUser(t, app, "early@example.com", "Early", user.RoleModerator, "VPN", "dns")
	late := apptest.CreateUser(t, app, "late@example.com", "Late", user.RoleModerator, "vpn")
	setCreated(t, app, early, "2025-01-01 00:00:00.000Z")
	setCreated(t, app, late, "2025-06-01 00:00:00.000Z")

	check := func(name string, skills []string, want *core.Record, rule assign.Rule, load int) {
		t.Helper()
		got, err := assign.Pick(app, skills)
		if err != nil {
			t.Fatal(err)
		}
		if got.UserID != want.Id || got.Rule != rule || got.Load != load {
			t.Errorf("%s: chose %s by %q with load %d, want %s by %q with load %d",
				name, got.UserID, got.Rule, got.Load, want.Id, rule, load)
		}
	}
	check("equal load: earliest account", []string{"vpn"}, early, assign.RuleSkillMatch, 0)
	check("no admin, no match: least-loaded moderator", []string{"billing"}, early, assign.RuleLeastLoadedMod, 0)

	for i, status := range []string{ticket.StatusAssigned, ticket.StatusInProgress} {
		apptest.CreateTicket(t, app, requester, "Open "+string(rune('a'+i)), map[string]any{
			ticket.FieldAssignedTo: early.Id, ticket.FieldStatus: status, ticket.FieldTriage: ticket.TriageDone})
	}
	apptest.CreateTicket(t, app, requester, "Open c", map[string]any{
		ticket.FieldAssignedTo: late.Id, ticket.FieldStatus: ticket.StatusAssigned, ticket.FieldTriage: ticket.TriageDone})
	for _, title := range []string{"Done a", "Done b", "Done c"} {
		apptest.CreateTicket(t, app, requester, title, map[string]any{
			ticket.FieldAssignedTo: late.Id, ticket.FieldStatus: ticket.StatusDone, ticket.FieldTriage: ticket.TriageDone})
	}
	check("a tie goes to fewer open tickets (done ones do not count)", []string{"vpn"}, late, assign.RuleSkillMatch, 1)
	check("more matching skills beat a lower load", []string{"vpn", "dns"}, early, assign.RuleSkillMatch, 2)

	busy := apptest.CreateUser(t, app, "busy@example.com", "Busy admin", user.RoleAdmin)
	free := apptest.CreateUser(t, app, "free@example.com", "Free admin", user.RoleAdmin)
	setCreated(t, app, busy, "2024-01-01 00:00:00.000Z")
	apptest.CreateTicket(t, app, requester, "Admin's", map[string]any{
		ticket.FieldAssignedTo: busy.Id, ticket.FieldStatus: ticket.StatusAssigned, ticket.FieldTriage: ticket.TriageDone})
	check("no match: least-loaded admin", []string{"billing"}, free, assign.RuleLeastLoadedAdmin, 0)
}

// setCreated backdates an account; the created field cannot be set by a save.
func setCreated(t *testing.T, app core.App, r *core.Record, created string) {
	t.Helper()
	_, err := app.DB().Update("users", dbx.Params{"created": created}, dbx.HashExp{"id": r.Id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}
