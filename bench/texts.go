package main

import (
	"fmt"
	"math/rand/v2"
)

// ticketTexts are realistic support requests, so that the analyzers do
// the work they do in production (not a one-word title).
var ticketTexts = []struct{ title, description string }{
	{"VPN disconnects every hour", "Since the client update my VPN connection drops roughly every hour and I have to sign in again. I work from home on Windows 11 and the office network shares become unavailable each time."},
	{"Cannot log in to the payroll portal", "I cannot log in to the payroll portal: it says my password is wrong although I reset it twice today. Payday is tomorrow and I need to check my payslip."},
	{"Printer on floor 3 prints blank pages", "The shared printer near the kitchen on floor 3 prints blank pages for every document. Toner was replaced last week. Several colleagues are affected."},
	{"Production database is down", "Our production PostgreSQL database is not accepting connections since 09:12, the checkout service returns 500 errors to every customer. This is an outage, please help urgently."},
	{"How do I share a calendar?", "Quick question: how do I share my Outlook calendar with my team so they can see when I am busy? Not urgent, just a how-to."},
	{"Invoice shows the wrong amount", "The invoice we received for October charges us twice for the same subscription. Our payment was already taken by credit card, please refund the duplicate."},
	{"Suspicious email asking for my password", "I received an email that looks like it comes from IT and asks me to confirm my password on an external site. I think it is phishing. I did not click the link."},
	{"Laptop fan is very loud", "My laptop fan is very loud even when idle, and the machine gets hot. It is a two-year-old ThinkPad. Could someone have a look when convenient?"},
	{"Kubernetes deployment stuck in CrashLoopBackOff", "The api deployment in the staging cluster is stuck in CrashLoopBackOff after the last release. Logs show a failed connection to Redis. Staging only, production is fine."},
	{"Typo on the pricing page", "There is a small typo on the pricing page: 'anual' instead of 'annual' in the third column. Cosmetic only."},
	{"Lost files after sync", "After the OneDrive sync this morning a whole folder of project files disappeared from my laptop and from the web version. We may have lost a week of work, data loss."},
	{"Request access to the analytics dashboard", "Please give me read access to the analytics dashboard in Grafana, I joined the data team this week."},
}

// commentTexts are replies and notes of a support conversation.
var commentTexts = []string{
	"Thanks, I restarted the machine as suggested and will report back tomorrow morning.",
	"Could you send a screenshot of the error message and the exact time it happened?",
	"Internal: this looks like the known issue with the last client rollout, see the runbook.",
	"I applied the fix on our side, please try again and tell us whether it works now.",
	"Still broken for me, the same message appears after a few minutes.",
	"Escalated to the infrastructure team; they are checking the gateway logs.",
	"Closing this as solved, feel free to reply if it happens again.",
	"Please do not share your password with anyone, IT will never ask for it.",
}

// randomTicket picks a ticket text and makes it unique with tag.
func randomTicket(r *rand.Rand, tag string) (title, description string) {
	t := ticketTexts[r.IntN(len(ticketTexts))]
	return fmt.Sprintf("%s [%s]", t.title, tag), t.description
}
