package assign_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

const (
	jan = "2026-01-01 00:00:00.000Z"
	feb = "2026-02-01 00:00:00.000Z"
	mar = "2026-03-01 00:00:00.000Z"
)

func mod(id string, load int, created string, skills ...string) assign.Candidate {
	return assign.Candidate{ID: id, Role: user.RoleModerator, Skills: skills, Load: load, Created: created}
}

func admin(id string, load int, created string) assign.Candidate {
	return assign.Candidate{ID: id, Role: user.RoleAdmin, Load: load, Created: created}
}

func away(c assign.Candidate) assign.Candidate { c.Away = true; return c }

func capped(c assign.Candidate, max int) assign.Candidate { c.MaxOpen = max; return c }

func TestChoose(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		slack  int
		staff  []assign.Candidate
		skills []string
		want   string
		rule   assign.Rule
		reason string
	}{
		// slack
		{name: "more shared skills win within the slack", staff: []assign.Candidate{
			mod("one", 0, jan, "vpn"), mod("two", 5, feb, "vpn", "dns"),
		}, skills: []string{"dns", "vpn"}, want: "two", rule: assign.RuleSkillMatch,
			reason: "skills dns, vpn; load 5 (within 5 of the least, 0, among 2 fit)"},
		{name: "beyond the slack the least-loaded eligible wins", staff: []assign.Candidate{
			mod("one", 0, jan, "vpn"), mod("two", 6, feb, "vpn", "dns"),
		}, skills: []string{"dns", "vpn"}, want: "one", rule: assign.RuleSkillMatch,
			reason: "skills vpn; load 0 (least among 2 fit)"},
		{name: "a configured slack", slack: 2, staff: []assign.Candidate{
			mod("one", 0, jan, "vpn"), mod("two", 3, feb, "vpn", "dns"),
		}, skills: []string{"dns", "vpn"}, want: "one", rule: assign.RuleSkillMatch},
		{name: "no slack: always the least loaded", slack: -1, staff: []assign.Candidate{
			mod("one", 1, jan, "vpn"), mod("two", 2, feb, "vpn", "dns"),
		}, skills: []string{"dns", "vpn"}, want: "one", rule: assign.RuleSkillMatch},
		{name: "the best fit within the slack, not only the top scorer", staff: []assign.Candidate{
			mod("three", 10, jan, "a", "b", "c"), mod("two", 4, feb, "a", "b"), mod("one", 0, mar, "a"),
		}, skills: []string{"a", "b", "c"}, want: "two", rule: assign.RuleSkillMatch},
		{name: "the slack counts from the least-loaded eligible, not from anyone", staff: []assign.Candidate{
			mod("fit", 7, jan, "vpn", "dns"), mod("fit2", 3, feb, "vpn"), mod("idle", 0, jan, "billing"),
		}, skills: []string{"vpn", "dns"}, want: "fit", rule: assign.RuleSkillMatch},
		// ties
		{name: "a tie of skills goes to fewer open tickets", staff: []assign.Candidate{
			mod("busy", 3, jan, "vpn"), mod("idle", 1, mar, "vpn"), mod("other", 0, jan, "dns"),
		}, skills: []string{"vpn"}, want: "idle", rule: assign.RuleSkillMatch,
			reason: "skills vpn; load 1 (least among 2 fit)"},
		{name: "then to the earliest account", staff: []assign.Candidate{
			mod("late", 1, mar, "vpn"), mod("early", 1, jan, "vpn"), mod("mid", 1, feb, "vpn"),
		}, skills: []string{"vpn"}, want: "early", rule: assign.RuleSkillMatch},
		{name: "then to the smallest id", staff: []assign.Candidate{
			mod("b", 1, jan, "vpn"), mod("a", 1, jan, "vpn"),
		}, skills: []string{"vpn"}, want: "a", rule: assign.RuleSkillMatch},
		{name: "skills match after normalization", staff: []assign.Candidate{
			mod("one", 0, jan, "networking"), mod("two", 0, feb, "active directory"),
		}, skills: []string{"  Active   Directory "}, want: "two", rule: assign.RuleSkillMatch,
			reason: "skills active directory; load 0 (the only fit)"},
		// away and capacity
		{name: "away is never assigned", staff: []assign.Candidate{
			away(mod("best", 0, jan, "vpn", "dns")), mod("ok", 4, feb, "vpn"),
		}, skills: []string{"vpn", "dns"}, want: "ok", rule: assign.RuleSkillMatch},
		{name: "full is never assigned", staff: []assign.Candidate{
			capped(mod("full", 3, jan, "vpn"), 3), mod("ok", 9, feb, "vpn"),
		}, skills: []string{"vpn"}, want: "ok", rule: assign.RuleSkillMatch},
		{name: "below max_open is assigned", staff: []assign.Candidate{
			capped(mod("room", 2, jan, "vpn"), 3), mod("busy", 9, feb, "vpn"),
		}, skills: []string{"vpn"}, want: "room", rule: assign.RuleSkillMatch},
		{name: "an away colleague does not anchor the slack", staff: []assign.Candidate{
			away(mod("gone", 0, jan, "vpn")), mod("two", 6, feb, "vpn", "dns"), mod("other", 2, jan, "vpn"),
		}, skills: []string{"vpn", "dns"}, want: "two", rule: assign.RuleSkillMatch},
		// fallbacks
		{name: "no fit: least-loaded admin", staff: []assign.Candidate{
			mod("one", 0, jan, "vpn"), admin("busy", 2, jan), admin("free", 1, feb),
		}, skills: []string{"billing"}, want: "free", rule: assign.RuleLeastLoadedAdmin,
			reason: "no fit; least-loaded admin; load 1"},
		{name: "fit all away: least-loaded available admin", staff: []assign.Candidate{
			away(mod("one", 0, jan, "billing")), away(admin("gone", 0, jan)), admin("here", 7, feb),
		}, skills: []string{"billing"}, want: "here", rule: assign.RuleLeastLoadedAdmin,
			reason: "no fit available (1 away or full); least-loaded admin; load 7"},
		{name: "full admins are skipped", staff: []assign.Candidate{
			capped(admin("full", 1, jan), 1), admin("free", 5, feb),
		}, skills: []string{"billing"}, want: "free", rule: assign.RuleLeastLoadedAdmin},
		{name: "no skills on the ticket: least-loaded admin", staff: []assign.Candidate{
			mod("one", 0, jan, "vpn"), admin("boss", 5, jan),
		}, want: "boss", rule: assign.RuleLeastLoadedAdmin},
		{name: "no admin available: least-loaded available moderator", staff: []assign.Candidate{
			mod("busy", 4, jan, "vpn"), mod("free-late", 0, mar), mod("free", 0, feb), away(mod("idle", 0, jan)), away(admin("boss", 0, jan)),
		}, skills: []string{"billing"}, want: "free", rule: assign.RuleLeastLoadedMod,
			reason: "no fit; least-loaded moderator; load 0"},
		{name: "admins' skills do not make them fit", staff: []assign.Candidate{
			{ID: "boss", Role: user.RoleAdmin, Skills: []string{"billing"}, Load: 3, Created: jan}, mod("one", 0, jan, "vpn"),
		}, skills: []string{"billing"}, want: "boss", rule: assign.RuleLeastLoadedAdmin},
		{name: "everyone away or full: unassigned", staff: []assign.Candidate{
			away(mod("one", 0, jan, "vpn")), capped(admin("boss", 2, jan), 2),
		}, skills: []string{"vpn"}, want: "", rule: assign.RuleNobody,
			reason: "no fit available (1 away or full); nobody available"},
		{name: "plain users are never candidates", staff: []assign.Candidate{
			{ID: "user", Role: user.RoleUser, Skills: []string{"billing"}, Created: jan},
		}, skills: []string{"billing"}, want: "", rule: assign.RuleNobody},
		{name: "no staff", skills: []string{"billing"}, want: "", rule: assign.RuleNobody},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := assign.Config{Slack: c.slack}.Choose(c.staff, c.skills)
			if got.UserID != c.want || got.Rule != c.rule {
				t.Errorf("chose %q by %q (%s), want %q by %q", got.UserID, got.Rule, got.Reason, c.want, c.rule)
			}
			if c.reason != "" && got.Reason != c.reason {
				t.Errorf("reason %q, want %q", got.Reason, c.reason)
			}
		})
	}
}

func TestConfigFromEnv(t *testing.T) {
	cases := []struct {
		env     string
		want    int
		wantErr bool
	}{
		{"", 0, false}, {"3", 3, false}, {"0", -1, false}, {"-1", 0, true}, {"many", 0, true},
	}
	for _, c := range cases {
		t.Setenv("ROUTING_SLACK", c.env)
		got, err := assign.ConfigFromEnv()
		if (err != nil) != c.wantErr || got.Slack != c.want {
			t.Errorf("ROUTING_SLACK=%q: %+v, %v", c.env, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "ROUTING_SLACK") {
			t.Errorf("the error does not name the variable: %v", err)
		}
	}
}

// TestPick runs the rules on a real database: the load counts the open
// tickets assigned to each staff member and nothing else, and away and
// max_open are read from the users.
func TestPick(t *testing.T) {
	t.Parallel()
	app := apptest.NewApp(t)
	requester := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser, "vpn")
	var cfg assign.Config

	if got, err := cfg.Pick(app, []string{"vpn"}); err != nil || got.Rule != assign.RuleNobody {
		t.Fatalf("no staff: %+v, %v", got, err)
	}

	early := apptest.CreateUser(t, app, "early@example.com", "Early", user.RoleModerator, "VPN", "dns")
	late := apptest.CreateUser(t, app, "late@example.com", "Late", user.RoleModerator, "vpn")
	setCreated(t, app, early, "2025-01-01 00:00:00.000Z")
	setCreated(t, app, late, "2025-06-01 00:00:00.000Z")

	check := func(name string, skills []string, want *core.Record, rule assign.Rule, load int) {
		t.Helper()
		got, err := cfg.Pick(app, skills)
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
	check("more matching skills within the slack", []string{"vpn", "dns"}, early, assign.RuleSkillMatch, 2)

	late.Set(user.FieldMaxOpen, 1)
	if err := app.Save(late); err != nil {
		t.Fatal(err)
	}
	check("max_open reached", []string{"vpn"}, early, assign.RuleSkillMatch, 2)
	early.Set(user.FieldAway, true)
	if err := app.Save(early); err != nil {
		t.Fatal(err)
	}
	if got, err := cfg.Pick(app, []string{"vpn"}); err != nil || got.UserID != "" {
		t.Errorf("one away, one full: chose %+v, %v; want nobody", got, err)
	}

	busy := apptest.CreateUser(t, app, "busy@example.com", "Busy admin", user.RoleAdmin)
	free := apptest.CreateUser(t, app, "free@example.com", "Free admin", user.RoleAdmin)
	setCreated(t, app, busy, "2024-01-01 00:00:00.000Z")
	apptest.CreateTicket(t, app, requester, "Admin's", map[string]any{
		ticket.FieldAssignedTo: busy.Id, ticket.FieldStatus: ticket.StatusAssigned, ticket.FieldTriage: ticket.TriageDone})
	check("no available fit: least-loaded admin", []string{"vpn"}, free, assign.RuleLeastLoadedAdmin, 0)
}

// setCreated backdates an account; the created field cannot be set by a save.
func setCreated(t testing.TB, app core.App, r *core.Record, created string) {
	t.Helper()
	_, err := app.DB().Update("users", dbx.Params{"created": created}, dbx.HashExp{"id": r.Id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}
