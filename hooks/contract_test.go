package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// fullSkills is the largest skills list the contract allows, in emoji.
func fullSkills() []string {
	out := make([]string, user.MaxSkills)
	for i := range out {
		out[i] = strings.Repeat(string(rune(0x1F600+i)), user.MaxSkillLength)
	}
	return out
}

func skillsJSON() string {
	raw, _ := json.Marshal(fullSkills())
	return string(raw)
}

func TestContractFullSkillsFit(t *testing.T) {
	run(t, []tests.ApiScenario{
		expectContent(stored(call(t, "30 skills of 40 emoji on a user", asAdmin, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"skills": fullSkills()}, http.StatusOK), user.Collection, idMod, user.FieldSkills, skillsJSON()), `"skills":[`),
		expectContent(stored(call(t, "30 skills of 40 emoji on a ticket", asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"related_skills": fullSkills()}, http.StatusOK), ticket.Collection, idOpen, ticket.FieldRelatedSkills, skillsJSON()), `"related_skills":[`),
	})
}

// TestContractSkillsMigration: a database made with the former sizes gets
// the contract's.
func TestContractSkillsMigration(t *testing.T) {
	app := apptest.NewApp(t)
	for _, f := range []struct{ collection, field string }{{user.Collection, user.FieldSkills}, {ticket.Collection, ticket.FieldRelatedSkills}} {
		c, err := app.FindCollectionByNameOrId(f.collection)
		if err != nil {
			t.Fatal(err)
		}
		c.Fields.GetByName(f.field).(*core.JSONField).MaxSize = 4096
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764320410_skills_sizes.go" {
			if err := m.Up(app); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range []struct{ collection, field string }{{user.Collection, user.FieldSkills}, {ticket.Collection, ticket.FieldRelatedSkills}} {
		c, err := app.FindCollectionByNameOrId(f.collection)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Fields.GetByName(f.field).(*core.JSONField).MaxSize; got != user.SkillsJSONMax {
			t.Errorf("%s.%s MaxSize = %d, want %d", f.collection, f.field, got, user.SkillsJSONMax)
		}
	}
}

func TestContractBlankAndBrokenText(t *testing.T) {
	zw := "\u200b\u200b\u200b\u200b\u200b"
	run(t, []tests.ApiScenario{
		expectContent(unchanged(call(t, "a title of zero-width spaces", asUser, http.MethodPost, ticketsURL, map[string]any{"title": zw, "description": "x"}, http.StatusBadRequest)), fieldError(ticket.FieldTitle)),
		expectContent(unchanged(call(t, "a name of zero-width spaces", asUser, http.MethodPatch, usersURL+"/"+idUser, map[string]any{"name": zw}, http.StatusBadRequest)), fieldError(user.FieldName)),
		expectContent(unchanged(call(t, "a repeated key", asUser, http.MethodPost, ticketsURL, `{"title":"Printer one","title":"Printer two","description":"x"}`, http.StatusBadRequest)), fieldError(ticket.FieldTitle)),
		expectContent(unchanged(call(t, "a lone surrogate", asUser, http.MethodPost, ticketsURL, `{"title":"Printer","description":"x \udc00 y"}`, http.StatusBadRequest)), fieldError(ticket.FieldDescription)),
		expectContent(unchanged(call(t, "a lone surrogate in a name", asUser, http.MethodPatch, usersURL+"/"+idUser, `{"name":"Uma \ud800"}`, http.StatusBadRequest)), fieldError(user.FieldName)),
	})
}

// expectContent adds expected fragments of the response body.
func expectContent(s tests.ApiScenario, content ...string) tests.ApiScenario {
	s.ExpectedContent = append(s.ExpectedContent, content...)
	return s
}

func TestContractNamesArePlainText(t *testing.T) {
	signup := func(name string) map[string]any {
		return map[string]any{"email": "new@example.com", "password": "a-long-password", "passwordConfirm": "a-long-password", "name": name}
	}
	run(t, []tests.ApiScenario{
		expectContent(unchanged(call(t, "sign up with a link in the name", anonymous, http.MethodPost, usersURL, signup("Your refund is ready: https://refund.example/claim"), http.StatusBadRequest)), fieldError(user.FieldName)),
		expectContent(unchanged(call(t, "sign up with a bare domain in the name", anonymous, http.MethodPost, usersURL, signup("Claim at refund-example.com"), http.StatusBadRequest)), fieldError(user.FieldName)),
		expectContent(unchanged(call(t, "rename to a link", asUser, http.MethodPatch, usersURL+"/"+idUser, map[string]any{"name": "www.evil.example"}, http.StatusBadRequest)), fieldError(user.FieldName)),
		expectContent(call(t, "sign up with a plain name", anonymous, http.MethodPost, usersURL, signup("Zoë O'Brien"), http.StatusOK), `"name":"Zoë O'Brien"`),
	})
}
