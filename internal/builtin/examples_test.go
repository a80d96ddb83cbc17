package builtin

// PriorityExample is one example of the impact rules of docs/triage.md:
// Rules is the level the rules alone read ("" when not pinned), Want the
// level the impact rules give ("" when the example only pins a reading).
type PriorityExample struct {
	Name, Title, Description, Rules, Want string
}

// PriorityExamples serve TestRulesReading (the rules' reading, the model's
// main input) and TestPriority (the final priority).
var PriorityExamples = []PriorityExample{
	{"outage for everyone", "Website down for everyone", "Every page returns 503 since 10:00.", "critical", "critical"},
	{"urgent in title", "URGENT: cannot log in", "I get 'invalid credentials' with the right password.", "high", "high"},
	{"not urgent", "Export shows dates in US format", "Not urgent, just something we noticed.", "low", "low"},
	{"urgent but not negated", "Export shows dates in US format", "Urgent, the auditors need it today.", "medium", ""},
	{"data lost", "Projects gone", "All our data is gone after the migration.", "critical", "critical"},
	{"no data lost", "Sync made duplicates", "No data was lost, a few contacts are duplicated.", "medium", ""},
	{"not down, only slow", "Dashboard slow", "The site is not down, it is only a bit slow for me.", "medium", "medium"},
	{"question about outages", "How do I get alerts about outages?", "We want to know when the service is down.", "low", "low"},
	{"feature request with scope word", "Feature request: export for all users", "It would be nice if everyone could export.", "low", "low"},
	{"cosmetic with strong words", "CRITICAL!!! button color is wrong", "The save button should be blue.", "low", "low"},
	{"question hiding an outage", "Just a quick question", "Is there maintenance today? Nobody in our office (about 200 people) can open the portal since 8am.", "critical", "critical"},
	{"urgent typo", "URGENT: typo on the pricing page", "It says 'unlimted'. Please fix ASAP!!!", "low", "low"},
	{"stated deadline", "Invoice PDFs fail for our finance team", "Invoice generation fails with a template error. Month-end close is Friday noon.", "high", "high"},
	{"timing is no status code", "Report query slow", "The query took 38211.522 ms for me, but it finishes.", "medium", ""},
	{"log words are no signals", "Sync warnings in our log", "We see this a few times a night:\n```\nERROR sync: connection lost, data loss possible, retrying\n```\nEverything completes. Is it normal?", "low", "low"},
	{"leaked cloud key", "Instances we did not create", "40 large instances run in a region we never used. Our access key was in a public GitHub repo.", "critical", "critical"},
	{"every node NotReady", "Cluster", "kubectl get nodes shows every node NotReady since the upgrade.", "critical", "critical"},
	{"security incident", "Our account was hacked", "Someone changed the owner email.", "critical", "critical"},
	{"service request", "Change request", "Please update the address on our account.", "medium", "low"},
	{"past outage", "Site was down last night", "It was down for a few minutes, it is back to normal now.", "medium", "low"},
	{"counted scope", "Saves fail", "About 40 users see 'save failed' when editing.", "high", "high"},
	{"workaround", "Outlook desktop will not start", "Since the update Outlook closes at once for me. I use Outlook on the web for now.", "", "medium"},
	{"exposure by what happened", "Odd report header", "The monthly PDF we sent to all 30 clients this morning shows another client's name and revenue figures.", "", "critical"},
}
