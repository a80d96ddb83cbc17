package cli_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
	"helpdesk/internal/ticket"
)

func runDemo(t *testing.T, app core.App, args ...string) (string, error) {
	t.Helper()
	return apptest.RunCommand(t, cli.NewDemoCommand(app), args...)
}

func count(t *testing.T, app core.App, collection string) int64 {
	t.Helper()
	n, err := app.CountRecords(collection)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDemoFillsAnEmptyDataDir(t *testing.T) {
	app := apptest.NewApp(t)

	out, err := runDemo(t, app)
	if err != nil {
		t.Fatal(err)
	}

	m := regexp.MustCompile(`the password of every account is (\S+)\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no password in the output:\n%s", out)
	}
	password := m[1]

	users, err := app.FindAllRecords("users")
	if err != nil {
		t.Fatal(err)
	}
	byRole := map[string]int{}
	moderatorSkills := map[string]bool{}
	for _, u := range users {
		byRole[u.GetString("role")]++
		if !strings.Contains(out, u.Email()) {
			t.Errorf("the login %s is not printed", u.Email())
		}
		if !u.ValidatePassword(password) {
			t.Errorf("the printed password does not open %s", u.Email())
		}
		if u.GetString("role") == "moderator" {
			var list []string
			if err := u.UnmarshalJSONField("skills", &list); err != nil || len(list) == 0 {
				t.Errorf("moderator %s has no skills (%v)", u.Email(), err)
			}
			key := strings.Join(list, ",")
			if moderatorSkills[key] {
				t.Errorf("two moderators share the skills %q", key)
			}
			moderatorSkills[key] = true
		}
	}
	if byRole["admin"] != 1 || byRole["moderator"] < 3 || byRole["moderator"] > 4 || byRole["user"] < 3 {
		t.Fatalf("team by role = %v, want 1 admin, 3 or 4 moderators, several users", byRole)
	}

	tickets, err := app.FindAllRecords(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}
	if len(tickets) < 24 {
		t.Fatalf("%d tickets, want a few dozen", len(tickets))
	}
	creators := map[string]bool{}
	for _, tk := range tickets {
		if tk.GetString(ticket.FieldTriage) != ticket.TriagePending || tk.GetString(ticket.FieldStatus) != ticket.StatusTodo {
			t.Errorf("ticket %q: triage %q status %q, want pending and todo", tk.GetString(ticket.FieldTitle),
				tk.GetString(ticket.FieldTriage), tk.GetString(ticket.FieldStatus))
		}
		creator, err := app.FindRecordById("users", tk.GetString(ticket.FieldCreatedBy))
		if err != nil || creator.GetString("role") != "user" {
			t.Errorf("ticket %q is not filed by a user (%v)", tk.GetString(ticket.FieldTitle), err)
			continue
		}
		creators[creator.Id] = true
	}
	if len(creators) < 3 {
		t.Errorf("tickets come from %d users, want several", len(creators))
	}
	if !strings.Contains(out, "pending") || !strings.Contains(out, "helpdesk serve") {
		t.Errorf("the output does not say that serve triages the pending tickets:\n%s", out)
	}
}

func TestDemoPasswordFlag(t *testing.T) {
	app := apptest.NewApp(t)
	out, err := runDemo(t, app, "--password", "demo-pass-123")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "demo-pass-123") {
		t.Fatalf("the chosen password is not printed:\n%s", out)
	}
	u, err := app.FindAuthRecordByEmail("users", "alex.morgan@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if !u.ValidatePassword("demo-pass-123") {
		t.Fatal("the chosen password does not open the admin account")
	}
}

func TestDemoRefusesANonEmptyDataDir(t *testing.T) {
	cases := []struct {
		name string
		seed func(t *testing.T, app core.App)
	}{
		{"a user", func(t *testing.T, app core.App) {
			apptest.CreateUser(t, app, "someone@example.com", "Someone", "user")
		}},
		{"a ticket", func(t *testing.T, app core.App) {
			u := apptest.CreateUser(t, app, "someone@example.com", "Someone", "user")
			apptest.CreateTicket(t, app, u, "Existing ticket", nil)
		}},
		{"an earlier demo", func(t *testing.T, app core.App) {
			if _, err := runDemo(t, app); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := apptest.NewApp(t)
			tc.seed(t, app)
			users, tickets := count(t, app, "users"), count(t, app, ticket.Collection)

			out, err := runDemo(t, app)
			if err == nil || !strings.Contains(err.Error(), "is not empty") {
				t.Fatalf("error = %v, want a refusal of the non-empty data dir", err)
			}
			if out != "" {
				t.Errorf("printed logins although it refused:\n%s", out)
			}
			if u, tk := count(t, app, "users"), count(t, app, ticket.Collection); u != users || tk != tickets {
				t.Fatalf("data changed: users %d→%d, tickets %d→%d", users, u, tickets, tk)
			}
		})
	}
}

func TestDemoWritesNothingWhenATicketFails(t *testing.T) {
	app := apptest.NewApp(t)
	// the accounts are saved by then: the transaction must drop them too
	app.OnRecordCreate(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		return errors.New("disk full")
	})
	if _, err := runDemo(t, app); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error = %v, want the ticket's failure", err)
	}
	if u, tk := count(t, app, "users"), count(t, app, ticket.Collection); u != 0 || tk != 0 {
		t.Fatalf("half-written demo: %d users, %d tickets", u, tk)
	}
}

func TestDemoRefusesAShortPassword(t *testing.T) {
	app := apptest.NewApp(t)
	if _, err := runDemo(t, app, "--password", "short"); err == nil {
		t.Fatal("a password shorter than PocketBase's minimum of 8 was accepted")
	}
	if u := count(t, app, "users"); u != 0 {
		t.Fatalf("%d users created", u)
	}
}
