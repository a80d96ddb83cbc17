package cli_test

import (
	"strings"
	"testing"

	"helpdesk/apptest"
	"helpdesk/internal/inbox/inboxtest"
	"helpdesk/internal/ticket"
)

func TestMailFetchCommand(t *testing.T) {
	app := apptest.NewApp(t)
	srv := inboxtest.NewServer(t, inboxtest.Plain)
	t.Setenv("IMAP_URL", srv.URL(inboxtest.Password))
	t.Setenv("SUPPORT_ADDRESS", "support@example.com")
	srv.Deliver("INBOX", "From: Jane <jane@example.com>\nSubject: Printer jams\nMessage-ID: <f1@x>\n\nHelp.\n")
	srv.Deliver("INBOX", "From: jane@example.com\nSubject: Out of office\nMessage-ID: <f2@x>\nAuto-Submitted: auto-replied\n\nAway.\n")

	out, err := runMail(t, app, "fetch")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{`f1@x from jane@example.com "Printer jams": ticket #1`, `f2@x from jane@example.com "Out of office": ignored — auto-reply`, "2 message(s) read."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n, _ := app.CountRecords(ticket.Collection); n != 1 {
		t.Errorf("%d tickets", n)
	}
	if out, err = runMail(t, app, "fetch"); err != nil || !strings.Contains(out, "No unread messages.") {
		t.Errorf("second fetch: %v\n%s", err, out)
	}

	// a mailbox that cannot be read is an error that says why
	srv.Down()
	if _, err := runMail(t, app, "fetch"); err == nil || !strings.Contains(err.Error(), "connection") {
		t.Errorf("fetch with the server down: %v", err)
	}
	t.Setenv("IMAP_URL", "")
	if _, err := runMail(t, app, "fetch"); err == nil || !strings.Contains(err.Error(), "IMAP_URL is not set") {
		t.Errorf("fetch without IMAP_URL: %v", err)
	}
}
