// Package apptest builds helpdesk apps for tests: a fresh data dir migrated
// by our migrations and wired by hooks.Setup, exactly as the binary is,
// plus seeding helpers.
package apptest

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/hooks"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
	_ "helpdesk/migrations"
)

// New returns a test app on a fresh, migrated data dir, wired by
// hooks.Setup with cfg, and the services Setup made. Its background
// workers start on serve unless cfg.Manual is set. It is cleaned up with
// the test.
func New(t testing.TB, cfg hooks.Config) (*tests.TestApp, *hooks.Services) {
	t.Helper()
	return Open(t, t.TempDir(), cfg)
}

// Open is New on an existing data dir, for example one that an earlier
// app of the test left behind as a crash would.
func Open(t testing.TB, dataDir string, cfg hooks.Config) (*tests.TestApp, *hooks.Services) {
	t.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := hooks.Setup(app, cfg)
	if err != nil {
		app.Cleanup()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		svc.Triage.Stop()
		svc.Mail.Stop()
		if svc.Inbox != nil {
			svc.Inbox.Stop()
		}
		app.Cleanup()
	})
	return app, svc
}

// NewApp returns a test app wired by hooks.Setup with the default config
// and its workers left to the test (Manual).
func NewApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, _ := New(t, hooks.Config{Manual: true})
	return app
}

// Password is the password of every seeded user.
const Password = "password123"

// CreateUser saves a users record with the given role and skills.
func CreateUser(t testing.TB, app core.App, email, name, role string, skills ...string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(user.Collection)
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(col)
	u.SetEmail(email)
	u.SetPassword(Password)
	u.Set(user.FieldName, name)
	u.Set(user.FieldRole, role)
	if skills == nil {
		skills = []string{}
	}
	u.Set(user.FieldSkills, skills)
	if err := app.Save(u); err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// Token returns an auth token for the record, for the Authorization header.
func Token(t testing.TB, r *core.Record) string {
	t.Helper()
	tok, err := r.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// CreateTicket saves a ticket created by creator; fields are set as given
// (for example "assigned_to", "triage", "helpful_notes").
func CreateTicket(t testing.TB, app core.App, creator *core.Record, title string, fields map[string]any) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Set(ticket.FieldTitle, title)
	r.Set(ticket.FieldDescription, "Description of "+title)
	r.Set(ticket.FieldCreatedBy, creator.Id)
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("create ticket %q: %v", title, err)
	}
	return r
}
