package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/inbox"
	"helpdesk/internal/user"
)

// needs_password is the desk's flag: no client sets or clears it.
func TestNeedsPasswordIsTheDesks(t *testing.T) {
	signUp := map[string]any{"email": "new@example.com", "password": "password123", "passwordConfirm": "password123", "name": "New Person", "needs_password": true}
	scenarios := []tests.ApiScenario{
		unchanged(call(t, "sign up with needs_password", anonymous, http.MethodPost, "/api/collections/users/records", signUp, http.StatusBadRequest)),
		unchanged(call(t, "set own needs_password", asUser, http.MethodPatch, "/api/collections/users/records/"+idUser, map[string]any{"needs_password": true}, http.StatusBadRequest)),
		unchanged(call(t, "admin sets needs_password", asAdmin, http.MethodPatch, "/api/collections/users/records/"+idUser, map[string]any{"needs_password": true}, http.StatusBadRequest)),
		stored(call(t, "superuser sets needs_password", asSuperuser, http.MethodPatch, "/api/collections/users/records/"+idUser, map[string]any{"needs_password": true}, http.StatusOK), "users", idUser, "needs_password", "true"),
		call(t, "sign up without it", anonymous, http.MethodPost, "/api/collections/users/records", map[string]any{"email": "new@example.com", "password": "password123", "passwordConfirm": "password123", "name": "New Person"}, http.StatusOK),
	}
	for i := range scenarios[:3] {
		scenarios[i].ExpectedContent = []string{fieldError("needs_password")}
	}
	scenarios[3].ExpectedContent = []string{`"needs_password":true`}
	scenarios[4].ExpectedContent = []string{`"needs_password":false`}
	run(t, scenarios)
}

func TestSettingAPasswordClearsNeedsPassword(t *testing.T) {
	app := newApp(t)
	u, err := app.FindRecordById(user.Collection, idUser)
	if err != nil {
		t.Fatal(err)
	}
	u.Set(user.FieldNeedsPassword, true)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	u.Set(user.FieldName, "Renamed")
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	if u, _ = app.FindRecordById(user.Collection, idUser); !u.GetBool(user.FieldNeedsPassword) {
		t.Fatal("an update without a password cleared needs_password")
	}
	u.SetPassword("a-new-password")
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	if u, _ = app.FindRecordById(user.Collection, idUser); u.GetBool(user.FieldNeedsPassword) {
		t.Error("needs_password still set after the password was set")
	}
}

func TestMailInboxIsSuperuserOnly(t *testing.T) {
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		s := call(t, "list mail_inbox", a, http.MethodGet, "/api/collections/"+inbox.Collection+"/records", nil, http.StatusForbidden)
		s.ExpectedContent = []string{"Only superusers can perform this action."}
		if a == asSuperuser {
			s.ExpectedStatus = http.StatusOK
			s.ExpectedContent = []string{`"totalItems":0`}
		}
		scenarios = append(scenarios, s)
	}
	run(t, scenarios)
}
