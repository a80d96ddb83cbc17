package cli_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
)

// run executes `helpdesk users ARGS...` against app and returns what it
// printed on stdout.
func runUsers(t *testing.T, app core.App, args ...string) (string, error) {
	t.Helper()
	return apptest.RunCommand(t, cli.NewUsersCommand(app), args...)
}

func seedUsers(t *testing.T, app core.App) {
	t.Helper()
	apptest.CreateUser(t, app, "uma@example.com", "Uma User", "user")
	apptest.CreateUser(t, app, "mo@example.com", "Mo Moderator", "moderator", "billing", "dns")
	apptest.CreateUser(t, app, "ada@example.com", "Ada Admin", "admin")
	apptest.CreateUser(t, app, "max@example.com", "Max Moderator", "moderator", "kubernetes")
}

// stored returns the stored role and skills of the user with email.
func stored(t *testing.T, app core.App, email string) (string, []string) {
	t.Helper()
	u, err := app.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := u.UnmarshalJSONField("skills", &list); err != nil {
		t.Fatal(err)
	}
	return u.GetString("role"), list
}

func TestUsersList(t *testing.T) {
	app := apptest.NewApp(t)
	seedUsers(t, app)

	cases := []struct {
		name    string
		args    []string
		want    []string // emails, in order
		wantErr string
	}{
		{name: "everyone, staff first", args: []string{"list"}, want: []string{"ada@example.com", "max@example.com", "mo@example.com", "uma@example.com"}},
		{name: "moderators", args: []string{"list", "--role", "moderator"}, want: []string{"max@example.com", "mo@example.com"}},
		{name: "users", args: []string{"list", "--role", "user"}, want: []string{"uma@example.com"}},
		{name: "unknown role", args: []string{"list", "--role", "boss"}, wantErr: `unknown role "boss"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runUsers(t, app, tc.args...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if got := strings.Fields(lines[0]); !slices.Equal(got, []string{"EMAIL", "NAME", "ROLE", "SKILLS"}) {
				t.Fatalf("header = %q", lines[0])
			}
			var emails []string
			for _, l := range lines[1:] {
				emails = append(emails, strings.Fields(l)[0])
			}
			if !slices.Equal(emails, tc.want) {
				t.Fatalf("emails = %v, want %v\n%s", emails, tc.want, out)
			}
		})
	}

	out, err := runUsers(t, app, "list", "--role", "moderator")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "mo@example.com Mo Moderator moderator billing, dns") {
		t.Fatalf("a row lacks name, role or skills:\n%s", out)
	}
}

func TestUsersListEmpty(t *testing.T) {
	app := apptest.NewApp(t)
	out, err := runUsers(t, app, "list")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out) != "No users." {
		t.Fatalf("output = %q", out)
	}
}

func TestUsersSetRole(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		wantErr  string
		wantRole string // of uma@example.com afterwards
	}{
		{name: "promote", args: []string{"set-role", "uma@example.com", "moderator"}, wantRole: "moderator"},
		{name: "email in other case", args: []string{"set-role", "UMA@example.com", "admin"}, wantRole: "admin"},
		{name: "unknown role", args: []string{"set-role", "uma@example.com", "superadmin"}, wantErr: `unknown role "superadmin"`, wantRole: "user"},
		{name: "empty role", args: []string{"set-role", "uma@example.com", ""}, wantErr: `unknown role ""`, wantRole: "user"},
		{name: "unknown email", args: []string{"set-role", "nobody@example.com", "admin"}, wantErr: `no user with the email "nobody@example.com"`, wantRole: "user"},
		{name: "missing role", args: []string{"set-role", "uma@example.com"}, wantErr: "accepts 2 arg(s)", wantRole: "user"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := apptest.NewApp(t)
			seedUsers(t, app)
			out, err := runUsers(t, app, tc.args...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if !strings.Contains(out, "is now "+tc.wantRole+" (was user)") {
				t.Fatalf("output = %q", out)
			}
			if role, _ := stored(t, app, "uma@example.com"); role != tc.wantRole {
				t.Fatalf("stored role = %q, want %q", role, tc.wantRole)
			}
		})
	}
}

func TestUsersSetSkills(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		wantErr    string
		wantSkills []string // of mo@example.com afterwards
	}{
		{name: "normalized by the model hook", args: []string{"set-skills", "mo@example.com", "  Go ", "GO", "SQL   Server"}, wantSkills: []string{"go", "sql server"}},
		{name: "cleared", args: []string{"set-skills", "mo@example.com"}, wantSkills: []string{}},
		{name: "too long a name", args: []string{"set-skills", "mo@example.com", "ok", strings.Repeat("x", 41)}, wantErr: "longer than 40", wantSkills: []string{"billing", "dns"}},
		{name: "blank name", args: []string{"set-skills", "mo@example.com", "  "}, wantErr: "must not be empty", wantSkills: []string{"billing", "dns"}},
		{name: "unknown email", args: []string{"set-skills", "nobody@example.com", "go"}, wantErr: `no user with the email "nobody@example.com"`, wantSkills: []string{"billing", "dns"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := apptest.NewApp(t)
			seedUsers(t, app)
			out, err := runUsers(t, app, tc.args...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if !strings.Contains(out, "mo@example.com has") {
				t.Fatalf("output = %q", out)
			}
			if _, list := stored(t, app, "mo@example.com"); !slices.Equal(list, tc.wantSkills) {
				t.Fatalf("stored skills = %q, want %q", list, tc.wantSkills)
			}
		})
	}
}
