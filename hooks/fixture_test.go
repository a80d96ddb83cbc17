package hooks_test

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// The seeded records have fixed ids, token keys and collection secrets so
// that scenario tables can name records and carry auth tokens before the
// (fresh, per scenario) app exists: a token made on one seeded app is
// valid on every other one.
const (
	idUser     = "user00000000001"
	idOther    = "user00000000002"
	idMod      = "moder0000000001"
	idAssigned = "moder0000000002"
	idAdmin    = "admin0000000001"
	idSuper    = "super0000000001"

	// by user, assigned to the assigned moderator, analysed
	idOpen = "ticket000000001"
	// by another user, unassigned
	idOthers = "ticket000000002"
	// by user, assigned to the assigned moderator, done
	idDone = "ticket000000003"
	// by the (unassigned) moderator
	idModTicket = "ticket000000004"

	// staffNote is in every seeded ticket's helpful_notes.
	staffNote = "STAFF-NOTE"
	// staffSkill and staffLink are in every seeded ticket's related_skills and resource_links.
	staffSkill = "staff-skill"
	staffLink  = "https://staff.example.com/guide"
)

// actor is who sends a scenario's request.
type actor string

const (
	anonymous   actor = "anonymous"
	asUser      actor = "user"
	asOther     actor = "another user"
	asModerator actor = "moderator"
	asAssigned  actor = "assigned moderator"
	asAdmin     actor = "admin"
	asSuperuser actor = "superuser"
)

// allActors lists every actor, plain users first.
var allActors = []actor{anonymous, asUser, asOther, asModerator, asAssigned, asAdmin, asSuperuser}

var actorIDs = map[actor]string{
	asUser: idUser, asOther: idOther, asModerator: idMod, asAssigned: idAssigned, asAdmin: idAdmin, asSuperuser: idSuper,
}

// staff reports whether the actor may see the staff-only ticket fields.
func (a actor) staff() bool {
	return a == asModerator || a == asAssigned || a == asAdmin || a == asSuperuser
}

type seedUser struct {
	id, email, name, role string
	skills                []string
	emailVisible          bool
}

var seedUsers = []seedUser{
	{idUser, "user@example.com", "Uma User", user.RoleUser, []string{"printing"}, false},
	{idOther, "other@example.com", "Otto Other", user.RoleUser, []string{}, true},
	{idMod, "mod@example.com", "Mona Moderator", user.RoleModerator, []string{"networking"}, false},
	{idAssigned, "assigned@example.com", "Arno Assigned", user.RoleModerator, []string{"printing", "vpn"}, false},
	{idAdmin, "admin@example.com", "Ada Admin", user.RoleAdmin, []string{}, false},
}

const (
	userSecret  = "users-secret-fixed-for-tests-0123456789abcdefghij"
	superSecret = "superusers-secret-fixed-for-tests-0123456789abcdef"
)

var (
	hashOnce     sync.Once
	passwordHash string
)

// newApp is the TestAppFactory of every scenario: a fresh migrated app
// with the appliance hooks and the seeded users and tickets.
func newApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, _ := newAppWith(t, hooks.Config{Manual: true})
	return app
}

// newAppWith is newApp wired with cfg, with the services Setup made.
func newAppWith(t testing.TB, cfg hooks.Config) (*tests.TestApp, *hooks.Services) {
	t.Helper()
	app, svc := apptest.New(t, cfg)
	seed(t, app)
	return app, svc
}

func seed(t testing.TB, app core.App) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	users, err := app.FindCollectionByNameOrId("users")
	must(err)
	users.AuthToken.Secret = userSecret
	must(app.Save(users))
	supers, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	must(err)
	supers.AuthToken.Secret = superSecret
	must(app.Save(supers))

	// bcrypt is slow on purpose: hash once, reuse the hash in every app
	hashOnce.Do(func() {
		r := core.NewRecord(users)
		r.SetPassword(apptest.Password)
		passwordHash = r.GetRaw(core.FieldNamePassword).(*core.PasswordFieldValue).Hash
	})
	authRecord := func(col *core.Collection, id, email string) *core.Record {
		r := core.NewRecord(col)
		r.Id = id
		r.SetEmail(email)
		r.SetRaw(core.FieldNamePassword, &core.PasswordFieldValue{Hash: passwordHash})
		r.SetTokenKey("token-key-of-" + id + "-fixed-for-tests-0123456789")
		r.SetVerified(true)
		return r
	}
	for _, u := range seedUsers {
		r := authRecord(users, u.id, u.email)
		r.Set("name", u.name)
		r.Set("role", u.role)
		r.Set("skills", u.skills)
		r.SetEmailVisibility(u.emailVisible)
		must(app.Save(r))
	}
	must(app.Save(authRecord(supers, idSuper, "super@example.com")))

	tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
	must(err)
	for _, s := range []struct {
		id, title, by, assignee, status string
	}{
		{idOpen, "Printer jammed", idUser, idAssigned, ticket.StatusAssigned},
		{idOthers, "Cannot log in", idOther, "", ticket.StatusTodo},
		{idDone, "Old request", idUser, idAssigned, ticket.StatusDone},
		{idModTicket, "Moderator's own problem", idMod, "", ticket.StatusTodo},
	} {
		r := core.NewRecord(tickets)
		r.Id = s.id
		r.Set(ticket.FieldTitle, s.title)
		r.Set(ticket.FieldDescription, "Description of "+s.title)
		r.Set(ticket.FieldCreatedBy, s.by)
		r.Set(ticket.FieldAssignedTo, s.assignee)
		r.Set(ticket.FieldStatus, s.status)
		r.Set(ticket.FieldPriority, ticket.PriorityMedium)
		r.Set(ticket.FieldSummary, "Summary of "+s.title)
		r.Set(ticket.FieldHelpfulNotes, staffNote+" for "+s.title)
		r.Set(ticket.FieldRelatedSkills, []string{staffSkill})
		r.Set(ticket.FieldResourceLinks, []string{staffLink})
		r.Set(ticket.FieldTriage, ticket.TriageDone)
		r.Set(ticket.FieldAnalyzer, "builtin")
		must(app.Save(r))
	}
}

var (
	tokensOnce sync.Once
	tokens     map[actor]string
)

// actorRecord is the seeded record of an actor (not anonymous).
func actorRecord(t testing.TB, app core.App, a actor) *core.Record {
	t.Helper()
	col := "users"
	if a == asSuperuser {
		col = core.CollectionNameSuperusers
	}
	r, err := app.FindRecordById(col, actorIDs[a])
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// authHeaders returns the request headers of an actor (none for anonymous).
func authHeaders(t testing.TB, a actor) map[string]string {
	t.Helper()
	tokensOnce.Do(func() {
		app := newApp(t)
		tokens = map[actor]string{}
		for a := range actorIDs {
			tokens[a] = apptest.Token(t, actorRecord(t, app, a))
		}
	})
	if a == anonymous {
		return nil
	}
	return map[string]string{"Authorization": tokens[a]}
}

// call builds a scenario run as the actor on a fresh seeded app. body is
// sent as is when it is a string, JSON-encoded otherwise.
func call(t *testing.T, name string, as actor, method, url string, body any, status int) tests.ApiScenario {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = strings.NewReader(string(raw))
	}
	return tests.ApiScenario{
		Name:                  string(as) + ": " + name,
		Method:                method,
		URL:                   url,
		Body:                  r,
		Headers:               authHeaders(t, as),
		ExpectedStatus:        status,
		TestAppFactory:        newApp,
		DisableTestAppCleanup: true, // apptest.NewApp cleans up with the test
	}
}

// fieldError is how a field-level error appears in PocketBase's
// (compacted) error JSON.
func fieldError(field string) string {
	return `"` + field + `":{"code":`
}

// snapshot is the stored state of every users, superusers, tickets,
// comments and ticket_events record.
func snapshot(t testing.TB, app core.App) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, name := range []string{"users", core.CollectionNameSuperusers, ticket.Collection, comment.Collection, history.Collection} {
		records, err := app.FindAllRecords(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range records {
			export, err := r.DBExport(app)
			if err != nil {
				t.Fatal(err)
			}
			// compare through JSON: types.JSONRaw and friends are not comparable as is
			raw, _ := json.Marshal(export)
			var m map[string]any
			_ = json.Unmarshal(raw, &m)
			out[name+"/"+r.Id] = m
		}
	}
	return out
}

// unchanged makes the scenario assert that the database is exactly as it
// was before the request.
func unchanged(s tests.ApiScenario) tests.ApiScenario {
	s = expectEvents(s, map[string]int{"OnRecordAfterCreateSuccess": 0, "OnRecordAfterUpdateSuccess": 0, "OnRecordAfterDeleteSuccess": 0})
	var before map[string]map[string]any
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		before = snapshot(t, app)
	}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		after := snapshot(t, app)
		if reflect.DeepEqual(before, after) {
			return
		}
		keys := []string{}
		for k := range after {
			if !reflect.DeepEqual(before[k], after[k]) {
				keys = append(keys, k)
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		t.Errorf("the database changed: %v", keys)
	}
	return s
}

// stored asserts a stored field's value (in its text form, JSON for json
// fields) after the request.
func stored(s tests.ApiScenario, collection, id, field, want string) tests.ApiScenario {
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		r, err := app.FindRecordById(collection, id)
		if err != nil {
			t.Fatalf("find %s/%s: %v", collection, id, err)
		}
		if got := r.GetString(field); got != want {
			t.Errorf("stored %s = %q, want %q", field, got, want)
		}
	}
	return s
}

// staffFieldsHidden makes the scenario assert that no staff-only ticket
// field nor any of their seeded values is in the response.
func staffFieldsHidden(s tests.ApiScenario) tests.ApiScenario {
	s.NotExpectedContent = append(s.NotExpectedContent,
		`"`+ticket.FieldHelpfulNotes+`"`, `"`+ticket.FieldRelatedSkills+`"`, `"`+ticket.FieldResourceLinks+`"`,
		staffNote, staffSkill, staffLink)
	return s
}

// run runs the scenarios as subtests.
func run(t *testing.T, scenarios []tests.ApiScenario) {
	t.Helper()
	for _, s := range scenarios {
		s.Test(t)
	}
}

// expectEvents adds hook call counts to the scenario's expectations.
func expectEvents(s tests.ApiScenario, events map[string]int) tests.ApiScenario {
	merged := map[string]int{}
	maps.Copy(merged, s.ExpectedEvents)
	maps.Copy(merged, events)
	s.ExpectedEvents = merged
	return s
}
