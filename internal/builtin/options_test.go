package builtin_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"helpdesk/internal/analysis"
	"helpdesk/internal/builtin"
)

func TestTeamSkillsMatchWholeTerms(t *testing.T) {
	cases := []struct {
		name, title, description string
		known, want, notWant     []string
	}{
		{name: "accounting is not account", title: "New starter needs an account",
			description: "Please set up her account and the password manager for onboarding.",
			known:       []string{"accounting", "accounts"}, want: []string{"accounts"}, notWant: []string{"accounting"}},
		{name: "accounting matches accounting", title: "Accounting software licence", description: "The accounting package says the licence expired.",
			known: []string{"accounting"}, want: []string{"accounting"}},
		{name: "excel is not microsoft 365", title: "Outlook keeps asking for my password", description: "Outlook on Windows asks again and again.",
			known: []string{"excel", "microsoft 365"}, want: []string{"microsoft 365"}, notWant: []string{"excel"}},
		{name: "plural of a team skill", title: "Lab printers jam", description: "Both lab printers jam on every job.",
			known: []string{"Lab Printer"}, want: []string{"lab printer"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, analysis.Input{Title: tc.title, Description: tc.description, KnownSkills: tc.known})
			for _, s := range tc.want {
				if !slices.Contains(res.RelatedSkills, s) {
					t.Errorf("skills %v lack %q", res.RelatedSkills, s)
				}
			}
			for _, s := range tc.notWant {
				if slices.Contains(res.RelatedSkills, s) {
					t.Errorf("skills %v contain %q", res.RelatedSkills, s)
				}
			}
		})
	}
}

// TestEveryKnownSkillCounts: a team's 31st skill and later are considered.
func TestEveryKnownSkillCounts(t *testing.T) {
	var known []string
	for i := range 40 {
		known = append(known, fmt.Sprintf("area%02d", i))
	}
	known = append(known, "zendesk macros")
	res := analyze(t, analysis.Input{Title: "Zendesk macros stopped applying tags", KnownSkills: known})
	if !slices.Contains(res.RelatedSkills, "zendesk macros") {
		t.Fatalf("skills = %v, want the 41st known skill", res.RelatedSkills)
	}
}

func TestSynonyms(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synonyms.json")
	if err := os.WriteFile(path, []byte(`{"CRM": ["pipedrive", "deal stages"], "payroll": ["lohnabrechnung"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	syn, err := builtin.LoadSynonyms(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := builtin.NewWithOptions(builtin.Options{Synonyms: syn})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Analyze(context.Background(), analysis.Input{Title: "Pipedrive deal stages missing", Description: "Die Lohnabrechnung ist auch falsch."})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"crm", "payroll"} {
		if !slices.Contains(res.RelatedSkills, s) {
			t.Errorf("skills %v lack %q", res.RelatedSkills, s)
		}
	}

	if _, err := builtin.NewWithOptions(builtin.Options{Synonyms: map[string][]string{"crm": {"  "}}}); err == nil {
		t.Error("a synonym without words was accepted")
	}
	if err := os.WriteFile(path, []byte(`["crm"]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := builtin.LoadSynonyms(path); err == nil {
		t.Error("a synonyms file that is no object was accepted")
	}
}
