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
	cases := []struct {
		name, title, description, want string
	}{
		{"outage for everyone", "Website down for everyone", "Every page returns 503 since 10:00.", "critical"},
		{"urgent in title", "URGENT: cannot log in", "I get 'invalid credentials' with the right password.", "high"},
		{"not urgent", "Export shows dates in US format", "Not urgent, just something we noticed.", "low"},
		{"urgent but not negated", "Export shows dates in US format", "Urgent, the auditors need it today.", "medium"},
		{"data lost", "Projects gone", "All our data is gone after the migration.", "critical"},
		{"no data lost", "Sync made duplicates", "No data was lost, a few contacts are duplicated.", "medium"},
		{"not down, only slow", "Dashboard slow", "The site is not down, it is only a bit slow for me.", "medium"},
		{"question about outages", "How do I get alerts about outages?", "We want to know when the service is down.", "low"},
		{"feature request with scope word", "Feature request: export for all users", "It would be nice if everyone could export.", "low"},
		{"cosmetic with strong words", "CRITICAL!!! button color is wrong", "The save button should be blue.", "low"},
		{"question hiding an outage", "Just a quick question", "Is there maintenance today? Nobody in our office (about 200 people) can open the portal since 8am.", "critical"},
		{"urgent typo", "URGENT: typo on the pricing page", "It says 'unlimted'. Please fix ASAP!!!", "low"},
		{"stated deadline", "Invoice PDFs fail for our finance team", "Invoice generation fails with a template error. Month-end close is Friday noon.", "high"},
		{"timing is no status code", "Report query slow", "The query took 38211.522 ms for me, but it finishes.", "medium"},
		{"log words are no signals", "Sync warnings in our log", "We see this a few times a night:\n```\nERROR sync: connection lost, data loss possible, retrying\n```\nEverything completes. Is it normal?", "low"},
		{"leaked cloud key", "Instances we did not create", "40 large instances run in a region we never used. Our access key was in a public GitHub repo.", "critical"},
		{"every node NotReady", "Cluster", "kubectl get nodes shows every node NotReady since the upgrade.", "critical"},
		{"security incident", "Our account was hacked", "Someone changed the owner email.", "critical"},
		{"neutral text", "Change request", "Please update the address on our account.", "medium"},
		{"past outage", "Site was down last night", "It was down for a few minutes, it is back to normal now.", "medium"},
		{"counted scope", "Saves fail", "About 40 users see 'save failed' when editing.", "high"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := a.assessPriority(parse(tc.title, tc.description))
			if r.level != tc.want {
				t.Fatalf("rules' level = %s, want %s\n%s", r.level, tc.want, impactLine(r))
			}
		})
	}
}
