package cli

// demoTicket is what a user writes: the triage fills in the rest.
type demoTicket struct {
	Title       string
	Description string
}

// tickets are realistic requests over the moderators' areas and beyond,
// from outages to how-to questions, so that the triage gives varied
// priorities and assignees.
var tickets = []demoTicket{
	{"Cannot log in after password reset", "I reset my password this morning with the link from the email, but the login page still says \"invalid credentials\" with the new password. I have tried three times and I am afraid of being locked out."},
	{"Two-factor codes are always rejected", "Since I changed phones the authenticator app codes are rejected every time. I moved the app with its backup, the time on the phone is automatic. I cannot get into my account at all."},
	{"SSO login loops back to the sign-in page", "When I sign in with our company SSO (Okta) I land back on the sign-in page after the redirect. Colleagues in the same team have the same problem since yesterday afternoon."},
	{"Session expires every few minutes", "I get logged out every five minutes or so while writing a long report and lose what I typed. Is there a setting for the session length?"},
	{"Charged twice for the March invoice", "Our credit card was charged twice for the March invoice (same amount, same day). Please refund the duplicate charge and confirm when it is done."},
	{"Card declined when upgrading plan", "I try to upgrade from the free plan to the pro plan, but the checkout says my card was declined. The bank says there is no problem with the card."},
	{"VAT number missing on invoices", "Our invoices do not show our VAT number, which our accountant needs. We entered it in the billing settings last month. Can you re-issue the invoices for January to March?"},
	{"How do I download all receipts at once?", "Is there a way to download every receipt of the last year in one go? I only find them one by one in the billing page. Not urgent."},
	{"Refund for cancelled subscription", "I cancelled the annual subscription two days after the renewal. The terms say a refund is possible within 14 days. Could you process it please?"},
	{"VPN drops every 10 minutes", "The VPN connection drops every ten minutes or so since the network change on Monday and I have to reconnect. Calls with customers get cut. Windows 11, the office client."},
	{"Site unreachable from the Berlin office", "Nobody in the Berlin office can reach the customer portal: connection timed out. From home and from mobile data it works. Other sites load fine from the office network."},
	{"DNS not resolving for new subdomain", "We added status.example.org yesterday but it still returns NXDOMAIN from most places. The record is in the zone file. Did we miss something in the DNS setup?"},
	{"SSL certificate expired on api.example.org", "Our monitoring says the TLS certificate of api.example.org expired an hour ago, and customers' integrations fail with certificate errors. This is urgent: every API client is down."},
	{"Wi-Fi very slow in meeting room 3", "The Wi-Fi in meeting room 3 is very slow (about 1 Mbit/s) while the rest of the floor is fine. Video calls freeze in that room."},
	{"Production database is down", "Our production PostgreSQL database is down since 9:40, the app shows 500 errors for all users. The disk seems full. We need help immediately, the whole business is stopped."},
	{"Reports query takes minutes", "The monthly sales report now takes four minutes to load, it was a few seconds last month. I think the orders table grew a lot. Can someone look at the query or the indexes?"},
	{"Rows missing after last night's import", "After last night's CSV import about 200 customer rows are missing from the database. The import log says it finished without errors. We need them back before the invoicing run on Friday."},
	{"Pods stuck in CrashLoopBackOff after deploy", "After the 14:00 deploy the API pods in the kubernetes cluster are stuck in CrashLoopBackOff. The logs say the database migration timed out. Half of the requests fail."},
	{"Docker image build fails on CI", "Our docker build fails on CI since this morning with \"no space left on device\" in the npm install step. Locally it builds. Deploys are blocked."},
	{"Request: read replica for analytics", "The data team would like a read-only replica of the main database for their dashboards, so that heavy queries do not slow down production. What would it take?"},
	{"Someone logged into my account from another country", "I received a login alert for my account from an IP in another country at 3 am. I did not make that login. I changed my password but I am worried my data was accessed."},
	{"Phishing email pretending to be from us", "Several customers forwarded us an email that pretends to come from our support team and asks for their password. It links to a look-alike domain. What should we do?"},
	{"New colleague needs admin access", "Please give our new team lead, Maria, admin rights on the workspace. She starts on Monday."},
	{"Cannot see the shared project folder", "I get \"access denied\" when I open the shared project folder that my team uses. My colleagues see it. I think my permissions were not copied when I changed teams."},
	{"Welcome email never arrived", "I signed up yesterday but never received the welcome email or the verification email. I checked the spam folder. My address is correct in the profile."},
	{"Change the email address of my account", "I am changing jobs and would like to move my account to my personal email address. How do I change the email of my account without losing my tickets?"},
	{"Export all my tickets as CSV", "Is it possible to export all the tickets of our team to a CSV file for our quarterly review? A how-to is enough."},
	{"Dark mode for the portal?", "Small suggestion: a dark mode for the portal would be nice for those of us who work late. Not urgent at all."},
	{"Typo on the pricing page", "The pricing page says \"montly\" instead of \"monthly\" under the pro plan. Cosmetic, just letting you know."},
	{"App crashes when uploading a large PDF", "The mobile app crashes every time I try to attach a PDF of about 30 MB to a ticket. Smaller files work. Android 14, latest app version."},
	{"Printer on the 2nd floor shows offline", "The shared printer on the second floor shows as offline for everyone since the weekend. It is switched on and has paper."},
	{"Calendar invites arrive an hour late", "Meeting invitations sent from the app arrive in Outlook with the wrong time, one hour later than set. It started after the switch to summer time."},
}
