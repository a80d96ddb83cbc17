package builtin

import "testing"

// TestRulesReading pins the level the rules alone give (before the model
// weighs their reading with the words): their signals are the model's
// main inputs, so a change of reading shows here first.
func TestRulesReading(t *testing.T) {
	a, err := compileRules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range PriorityExamples {
		if tc.Rules == "" {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			r := a.assessPriority(parse(tc.Title, tc.Description), nil)
			if r.level != tc.Rules {
				t.Fatalf("rules' level = %s, want %s\n%s", r.level, tc.Rules, impactLine(r))
			}
		})
	}
}
