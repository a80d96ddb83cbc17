package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/user"
)

const usersURL = "/api/collections/users/records"

// signup is a valid account creation body, with extra fields.
func signup(extra map[string]any) map[string]any {
	b := map[string]any{
		"email":           "new@example.com",
		"password":        "password123",
		"passwordConfirm": "password123",
		"name":            "New Person",
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// accountStored asserts that the account created by the request is
// stored with the role and skills.
func accountStored(role, skills string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		r, err := app.FindAuthRecordByEmail("users", "new@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if got := r.GetString("role"); got != role {
			t.Errorf("stored role = %q, want %q", got, role)
		}
		if got := r.GetString("skills"); got != skills {
			t.Errorf("stored skills = %s, want %s", got, skills)
		}
	}
}

func TestUsersSignup(t *testing.T) {
	t.Parallel()
	ok := func(name string, as actor, extra map[string]any, role, skills string) tests.ApiScenario {
		s := call(t, name, as, http.MethodPost, usersURL, signup(extra), http.StatusOK)
		s.ExpectedContent = []string{`"role":"` + role + `"`, `"name":"New Person"`}
		s.AfterTestFunc = accountStored(role, skills)
		return s
	}
	refused := func(name string, as actor, extra map[string]any, field string) tests.ApiScenario {
		s := call(t, name, as, http.MethodPost, usersURL, signup(extra), http.StatusBadRequest)
		s.ExpectedContent = []string{fieldError(field)}
		return unchanged(s)
	}
	thirty := make([]string, 30)
	for i := range thirty {
		thirty[i] = fmt.Sprintf("skill %d", i)
	}
	scenarios := []tests.ApiScenario{
		ok("signup", anonymous, nil, user.RoleUser, "[]"),
		ok("signup asking for the user role", anonymous, map[string]any{"role": "user"}, user.RoleUser, "[]"),
		ok("signup with skills to normalize", anonymous, map[string]any{"skills": []string{"  Go ", "GO", "Linux \t  Admin", "go"}}, user.RoleUser, `["go","linux admin"]`),
		ok("signup with 30 skills of up to 40 characters", anonymous,
			map[string]any{"skills": append(thirty[:29:29], strings.Repeat("k", 40))}, user.RoleUser,
			`["`+strings.Join(append(thirty[:29:29], strings.Repeat("k", 40)), `","`)+`"]`),
		ok("signup with 31 skills of which 2 duplicates", anonymous,
			map[string]any{"skills": append(thirty[:29:29], "Skill 0", "skill 1")}, user.RoleUser,
			`["`+strings.Join(thirty[:29], `","`)+`"]`),
		// admins open accounts for staff directly
		ok("create a moderator account", asAdmin, map[string]any{"role": "moderator"}, user.RoleModerator, "[]"),
		ok("create an admin account", asSuperuser, map[string]any{"role": "admin"}, user.RoleAdmin, "[]"),

		refused("signup asking for admin", anonymous, map[string]any{"role": "admin"}, "role"),
		refused("signup asking for moderator", anonymous, map[string]any{"role": "moderator"}, "role"),
		refused("signup asking for an unknown role", anonymous, map[string]any{"role": "root"}, "role"),
		refused("signup with a numeric role", anonymous, map[string]any{"role": 2}, "role"),
		refused("signup with role as a list", anonymous, map[string]any{"role": []string{"admin"}}, "role"),
		refused("create an admin account", asUser, map[string]any{"role": "admin"}, "role"),
		refused("create a moderator account", asModerator, map[string]any{"role": "moderator"}, "role"),

		refused("skills a string", anonymous, map[string]any{"skills": "go"}, "skills"),
		refused("skills an object", anonymous, map[string]any{"skills": map[string]any{"go": true}}, "skills"),
		refused("skills with a number", anonymous, map[string]any{"skills": []any{"go", 1}}, "skills"),
		refused("skills with an empty name", anonymous, map[string]any{"skills": []string{"go", "  "}}, "skills"),
		refused("skills with a name over 40", anonymous, map[string]any{"skills": []string{strings.Repeat("k", 41)}}, "skills"),
		refused("31 skills", anonymous, map[string]any{"skills": append(thirty[:30:30], "one more")}, "skills"),
		refused("skills a nested list", anonymous, map[string]any{"skills": []any{[]string{"go"}}}, "skills"),

		refused("missing name", anonymous, map[string]any{"name": nil}, "name"),
		refused("name of 1 character", anonymous, map[string]any{"name": " A "}, "name"),
		refused("name over 100", anonymous, map[string]any{"name": strings.Repeat("n", 101)}, "name"),
		refused("name a number", anonymous, map[string]any{"name": 1234}, "name"),
		refused("email taken", anonymous, map[string]any{"email": "user@example.com"}, "email"),
	}
	run(t, scenarios)
}

func TestUsersRoleChange(t *testing.T) {
	t.Parallel()
	url := func(id string) string { return usersURL + "/" + id }
	denied := func(name string, as actor, id, role string, status int) tests.ApiScenario {
		s := call(t, name, as, http.MethodPatch, url(id), map[string]any{"role": role}, status)
		if status == http.StatusNotFound {
			s.ExpectedContent = []string{`"status":404`}
		} else {
			s.ExpectedContent = []string{fieldError("role")}
		}
		return unchanged(s)
	}
	changed := func(name string, as actor, id, role string) tests.ApiScenario {
		s := call(t, name, as, http.MethodPatch, url(id), map[string]any{"role": role}, http.StatusOK)
		s.ExpectedContent = []string{`"role":"` + role + `"`}
		return stored(s, "users", id, "role", role)
	}
	scenarios := []tests.ApiScenario{
		denied("own role to admin", asUser, idUser, user.RoleAdmin, http.StatusForbidden),
		denied("own role to moderator", asUser, idUser, user.RoleModerator, http.StatusForbidden),
		denied("own role to nothing", asUser, idUser, "", http.StatusForbidden),
		denied("own role to admin", asModerator, idMod, user.RoleAdmin, http.StatusForbidden),
		denied("own role to user", asModerator, idMod, user.RoleUser, http.StatusForbidden),
		denied("another user's role", asModerator, idUser, user.RoleModerator, http.StatusNotFound),
		denied("another user's role", asOther, idUser, user.RoleAdmin, http.StatusNotFound),
		denied("a role", anonymous, idUser, user.RoleAdmin, http.StatusNotFound),
		denied("an unknown role", asAdmin, idUser, "root", http.StatusBadRequest),

		changed("promote a user", asAdmin, idUser, user.RoleModerator),
		changed("demote a moderator", asAdmin, idMod, user.RoleUser),
		changed("promote to admin", asAdmin, idOther, user.RoleAdmin),
		changed("promote a user", asSuperuser, idUser, user.RoleAdmin),
	}
	// sending back the stored role is not a change
	same := call(t, "own name with the same role", asUser, http.MethodPatch, url(idUser), map[string]any{"role": "user", "name": "Uma Renamed"}, http.StatusOK)
	same.ExpectedContent = []string{`"name":"Uma Renamed"`}
	scenarios = append(scenarios, stored(same, "users", idUser, "name", "Uma Renamed"))
	run(t, scenarios)
}

func TestUsersSkillsUpdate(t *testing.T) {
	t.Parallel()
	own := usersURL + "/" + idUser
	set := call(t, "own skills", asUser, http.MethodPatch, own, map[string]any{"skills": []string{"  Kubernetes ", "kubernetes", "Active  Directory"}}, http.StatusOK)
	set.ExpectedContent = []string{`"skills":["kubernetes","active directory"]`}
	set = stored(set, "users", idUser, "skills", `["kubernetes","active directory"]`)
	clear := call(t, "clear own skills", asUser, http.MethodPatch, own, map[string]any{"skills": []string{}}, http.StatusOK)
	clear.ExpectedContent = []string{`"skills":[]`}
	clear = stored(clear, "users", idUser, "skills", `[]`)
	byAdmin := call(t, "a user's skills", asAdmin, http.MethodPatch, own, map[string]any{"skills": []string{"Go"}}, http.StatusOK)
	byAdmin.ExpectedContent = []string{`"skills":["go"]`}
	byAdmin = stored(byAdmin, "users", idUser, "skills", `["go"]`)
	scenarios := []tests.ApiScenario{set, clear, byAdmin}
	for _, bad := range []struct {
		name  string
		value any
	}{
		{"skills a string", "go"},
		{"skills a number", 3},
		{"skills with an empty name", []string{""}},
		{"skills with a name over 40", []string{strings.Repeat("s", 41)}},
		{"skills with a boolean", []any{true}},
	} {
		s := call(t, bad.name, asUser, http.MethodPatch, own, map[string]any{"skills": bad.value}, http.StatusBadRequest)
		s.ExpectedContent = []string{fieldError("skills")}
		scenarios = append(scenarios, unchanged(s))
	}
	other := call(t, "another user's skills", asOther, http.MethodPatch, own, map[string]any{"skills": []string{"go"}}, http.StatusNotFound)
	other.ExpectedContent = []string{`"status":404`}
	mod := call(t, "a user's skills", asModerator, http.MethodPatch, own, map[string]any{"skills": []string{"go"}}, http.StatusNotFound)
	mod.ExpectedContent = []string{`"status":404`}
	scenarios = append(scenarios, unchanged(other), unchanged(mod))
	run(t, scenarios)
}

func TestUsersVisibility(t *testing.T) {
	t.Parallel()
	everyone := []string{idUser, idOther, idMod, idAssigned, idAdmin}
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		s := call(t, "list users", a, http.MethodGet, usersURL+"?sort=id", nil, http.StatusOK)
		switch {
		case a == anonymous:
			s.ExpectedContent = []string{`"totalItems":0`}
		case a.staff():
			s.ExpectedContent = []string{`"totalItems":5`}
			for _, id := range everyone {
				s.ExpectedContent = append(s.ExpectedContent, `"id":"`+id+`"`)
			}
			// name, role and skills of others; emails only where visible
			s.ExpectedContent = append(s.ExpectedContent, `"name":"Uma User"`, `"role":"user"`, `"skills":["printing","vpn"]`, `"email":"other@example.com"`)
			if a != asSuperuser {
				for _, u := range seedUsers {
					if !u.emailVisible && u.id != actorIDs[a] {
						s.NotExpectedContent = append(s.NotExpectedContent, u.email)
					}
				}
			}
		default:
			s.ExpectedContent = []string{`"totalItems":1`, `"id":"` + actorIDs[a] + `"`, `"role":"user"`}
			for _, id := range everyone {
				if id != actorIDs[a] {
					s.NotExpectedContent = append(s.NotExpectedContent, id)
				}
			}
		}
		scenarios = append(scenarios, s)
	}
	view := func(name string, as actor, id string, status int, want []string, notWant ...string) tests.ApiScenario {
		s := call(t, name, as, http.MethodGet, usersURL+"/"+id, nil, status)
		s.ExpectedContent, s.NotExpectedContent = want, notWant
		return s
	}
	scenarios = append(scenarios,
		view("own account with own email", asUser, idUser, http.StatusOK, []string{`"email":"user@example.com"`, `"skills":["printing"]`}),
		view("another user", asOther, idUser, http.StatusNotFound, []string{`"status":404`}),
		view("a moderator", asUser, idAssigned, http.StatusNotFound, []string{`"status":404`}),
		view("a user", anonymous, idUser, http.StatusNotFound, []string{`"status":404`}),
		view("a user with a hidden email", asModerator, idUser, http.StatusOK,
			[]string{`"name":"Uma User"`, `"role":"user"`, `"skills":["printing"]`}, "user@example.com"),
		view("a user with a visible email", asAssigned, idOther, http.StatusOK,
			[]string{`"name":"Otto Other"`, `"email":"other@example.com"`}),
		view("a moderator", asAdmin, idMod, http.StatusOK,
			[]string{`"name":"Mona Moderator"`, `"role":"moderator"`, `"skills":["networking"]`}, "mod@example.com"),
	)
	run(t, scenarios)
}
