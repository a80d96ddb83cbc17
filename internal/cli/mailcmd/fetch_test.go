package mailcmd_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli/mailcmd"
	"helpdesk/internal/inbox"
	"helpdesk/internal/inbox/inboxtest"
	"helpdesk/internal/ticket"
)

func fetch(t *testing.T, app core.App, cfg inbox.Config) (string, error) {
	t.Helper()
	return apptest.RunCommand(t, mailcmd.New(app, cfg), "fetch")
}

func TestMailFetchCommand(t *testing.T) {
	app := apptest.NewApp(t)
	srv := inboxtest.NewServer(t, inboxtest.Plain)
	cfg := inbox.Config{URL: srv.URL(inboxtest.Password), SupportAddress: "support@example.com"}
	srv.Deliver("INBOX", "From: Jane <jane@example.com>\nSubject: Printer jams\nMessage-ID: <f1@x>\n\nHelp.\n")
	srv.Deliver("INBOX", "From: jane@example.com\nSubject: Out of office\nMessage-ID: <f2@x>\nAuto-Submitted: auto-replied\n\nAway.\n")

	out, err := fetch(t, app, cfg)
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
	if out, err = fetch(t, app, cfg); err != nil || !strings.Contains(out, "No unread messages.") {
		t.Errorf("second fetch: %v\n%s", err, out)
	}

	// a mailbox that cannot be read is an error that says why
	srv.Down()
	if _, err := fetch(t, app, cfg); err == nil || !strings.Contains(err.Error(), "connection") {
		t.Errorf("fetch with the server down: %v", err)
	}
	if _, err := fetch(t, app, inbox.Config{}); err == nil || !strings.Contains(err.Error(), "IMAP_URL is not set") {
		t.Errorf("fetch without IMAP_URL: %v", err)
	}
}
