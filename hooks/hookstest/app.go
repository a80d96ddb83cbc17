// Package hookstest builds test apps: a fresh data dir migrated by our
// migrations, with the appliance's hooks bound, and seeding helpers.
package hookstest

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/hooks"
	"helpdesk/internal/ticket"
	_ "helpdesk/migrations"
)

// NewApp returns a test app on a fresh, migrated data dir with the
// appliance hooks (hooks.Register) bound. It is cleaned up with the test.
func NewApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app := NewMigratedApp(t)
	hooks.Register(app)
	return app
}

// NewMigratedApp returns a test app on a fresh data dir with our
// migrations applied and no hooks bound, for tests of one package's logic.
// It is cleaned up with the test.
func NewMigratedApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// Password is the password of every seeded user.
const Password = "password123"

// CreateUser saves a users record with the given role and skills.
func CreateUser(t testing.TB, app core.App, email, name, role string, skills ...string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(col)
	u.SetEmail(email)
	u.SetPassword(Password)
	u.Set("name", name)
	u.Set("role", role)
	if skills == nil {
		skills = []string{}
	}
	u.Set("skills", skills)
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
