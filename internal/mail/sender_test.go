package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/apptest"
	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
)

func queue(t *testing.T, app core.App, to, subject string) *core.Record {
	t.Helper()
	r, err := mail.Enqueue(app, mail.Message{
		To:      to,
		Subject: subject,
		HTML:    "<p>Hello <b>there</b></p>",
		Text:    "Hello there",
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMailSenderDeliversQueuedMail(t *testing.T) {
	app := apptest.NewApp(t)
	server := mailtest.NewServer(t)
	server.Configure(app)
	r := queue(t, app, `"Jane Doe" <jane@example.com>`, "Héllo, outbox")

	startSender(t, app, fast(nil))

	got := server.WaitFor(1)[0]
	if got.From != "helpdesk@example.com" || len(got.To) != 1 || got.To[0] != "jane@example.com" {
		t.Fatalf("envelope from %q to %v", got.From, got.To)
	}
	p := got.Parse(t)
	checks := map[string][2]string{
		"From":       {p.Header.Get("From"), `"Helpdesk Test" <helpdesk@example.com>`},
		"To":         {p.Header.Get("To"), `"Jane Doe" <jane@example.com>`},
		"Subject":    {p.Subject, "Héllo, outbox"},
		"media type": {p.MediaType, "multipart/alternative"},
		"text":       {strings.TrimSpace(p.Text), "Hello there"},
		"html":       {strings.TrimSpace(p.HTML), "<p>Hello <b>there</b></p>"},
		"Message-ID": {p.Header.Get("Message-ID"), "<outbox-" + r.Id + "@example.com>"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}

	waitFor(t, "the mail to be marked sent", func() bool {
		return record(t, app, r.Id).GetString(mail.FieldStatus) == mail.StatusSent
	})
	sent := record(t, app, r.Id)
	if sent.GetDateTime(mail.FieldSentAt).IsZero() || sent.GetInt(mail.FieldAttempts) != 1 {
		t.Fatalf("sent_at %q, attempts %d", sent.GetString(mail.FieldSentAt), sent.GetInt(mail.FieldAttempts))
	}
}

func TestMailSenderRetriesRefusedRecipientThenFails(t *testing.T) {
	app := apptest.NewApp(t)
	server := mailtest.NewServer(t)
	server.Configure(app)
	server.RefuseRecipient("nobody@example.com")
	r := queue(t, app, "nobody@example.com", "Refused")

	startSender(t, app, fast(nil))

	waitFor(t, "the mail to fail", func() bool {
		return record(t, app, r.Id).GetString(mail.FieldStatus) == mail.StatusFailed
	})
	failed := record(t, app, r.Id)
	if n := failed.GetInt(mail.FieldAttempts); n != 3 {
		t.Errorf("attempts = %d, want 3 (MaxAttempts)", n)
	}
	if e := failed.GetString(mail.FieldLastError); !strings.Contains(e, "recipient refused") || !strings.Contains(e, "550") {
		t.Errorf("last_error = %q, want the refused recipient with its 550", e)
	}
	if len(server.Messages()) != 0 {
		t.Errorf("the server accepted a refused mail")
	}
}

func TestMailSenderRetriesDroppedConnection(t *testing.T) {
	app := apptest.NewApp(t)
	server := mailtest.NewServer(t)
	server.Configure(app)
	server.DropNext(2)
	r := queue(t, app, "jane@example.com", "Dropped twice")

	startSender(t, app, fast(nil))

	waitFor(t, "the mail to be sent", func() bool {
		return record(t, app, r.Id).GetString(mail.FieldStatus) == mail.StatusSent
	})
	sent := record(t, app, r.Id)
	if n := sent.GetInt(mail.FieldAttempts); n != 3 {
		t.Errorf("attempts = %d, want 3 (two dropped, one delivered)", n)
	}
	if e := sent.GetString(mail.FieldLastError); !strings.Contains(e, "connection dropped") {
		t.Errorf("last_error = %q, want the dropped connection", e)
	}
	if got := server.Messages(); len(got) != 1 || got[0].Parse(t).Subject != "Dropped twice" {
		t.Fatalf("server got %d messages, want the mail once", len(got))
	}
}

func TestMailSenderWaitsForServerToComeBack(t *testing.T) {
	app := apptest.NewApp(t)
	server := mailtest.NewServer(t)
	server.Configure(app)
	server.Down()
	cfg := fast(nil)
	cfg.MaxAttempts = 1000
	r := queue(t, app, "jane@example.com", "Server down")

	startSender(t, app, cfg)

	waitFor(t, "two failed attempts", func() bool {
		return record(t, app, r.Id).GetInt(mail.FieldAttempts) >= 2
	})
	down := record(t, app, r.Id)
	if down.GetString(mail.FieldStatus) != mail.StatusQueued || !strings.Contains(down.GetString(mail.FieldLastError), "connection refused") {
		t.Fatalf("status %q, last_error %q", down.GetString(mail.FieldStatus), down.GetString(mail.FieldLastError))
	}

	server.Up()
	server.WaitFor(1)
	waitFor(t, "the mail to be sent", func() bool {
		return record(t, app, r.Id).GetString(mail.FieldStatus) == mail.StatusSent
	})
}

func TestMailSenderKeepsMailQueuedWithoutSMTP(t *testing.T) {
	app := apptest.NewApp(t)
	server := mailtest.NewServer(t)
	var log logs
	for i := range 3 {
		queue(t, app, "jane@example.com", "Waiting "+string(rune('A'+i)))
	}

	s := startSender(t, app, fast(log.logger()))

	const hint = "Dashboard → Settings → Mail"
	waitFor(t, "the configure-SMTP hint", func() bool { return log.count(hint) > 0 })
	queue(t, app, "jane@example.com", "Waiting D")
	s.Wake()
	sweeps := log.count("waits for SMTP")
	waitFor(t, "more sweeps", func() bool { return log.count("waits for SMTP") >= sweeps+3 })

	if n := log.count(hint); n != 1 {
		t.Errorf("the hint was logged %d times, want once", n)
	}
	queued, err := app.CountRecords(mail.Collection)
	if err != nil {
		t.Fatal(err)
	}
	waiting, _ := app.FindRecordsByFilter(mail.Collection, "status = 'queued' && attempts = 0", "", 0, 0)
	if int64(len(waiting)) != queued || queued != 4 {
		t.Fatalf("%d of %d mails wait untouched, want 4 of 4", len(waiting), queued)
	}

	server.Configure(app)
	s.Wake()
	server.WaitFor(4)
}

func TestMailSenderRestartBetweenQueueAndSend(t *testing.T) {
	dir := t.TempDir()
	server := mailtest.NewServer(t)

	// the first run queues a mail and stops before sending it
	first := openApp(t, dir)
	server.Configure(first)
	queue(t, first, "jane@example.com", "Queued before the restart")
	first.ResetBootstrapState()

	// the second run sends it
	second := openApp(t, dir)
	s := mail.NewSender(second, fast(nil))
	s.Start()
	server.WaitFor(1)
	queue(t, second, "jane@example.com", "Second run")
	server.WaitFor(2)
	s.Stop()
	second.ResetBootstrapState()

	// a third run after the successful sends sends nothing again
	third := openApp(t, dir)
	startSender(t, third, fast(nil))
	queue(t, third, "jane@example.com", "Third run")
	got := server.WaitFor(3)

	subjects := map[string]int{}
	for _, m := range server.Messages() {
		subjects[m.Parse(t).Subject]++
	}
	if len(got) != 3 || len(subjects) != 3 {
		t.Fatalf("server got %v, want each of the three mails once", subjects)
	}
}

func TestMailSenderResumesInterruptedAttempt(t *testing.T) {
	app := apptest.NewApp(t)
	server := mailtest.NewServer(t)
	server.Configure(app)
	var log logs
	r := queue(t, app, "jane@example.com", "Interrupted")
	// what a crash during an attempt leaves behind: a claim whose lease
	// ran out, the attempt counted, no outcome
	r.Set(mail.FieldAttempts, 1)
	r.Set(mail.FieldClaimedAt, types.NowDateTime().Add(-10*time.Minute))
	r.Set(mail.FieldNextAttemptAt, types.NowDateTime().Add(-5*time.Minute))
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}

	startSender(t, app, fast(log.logger()))

	server.WaitFor(1)
	waitFor(t, "the mail to be sent", func() bool {
		return record(t, app, r.Id).GetString(mail.FieldStatus) == mail.StatusSent
	})
	if n := record(t, app, r.Id).GetInt(mail.FieldAttempts); n != 2 {
		t.Errorf("attempts = %d, want 2", n)
	}
	if log.count("previous attempt was interrupted") != 1 {
		t.Errorf("the interrupted attempt was not logged")
	}
}

// openApp opens (bootstraps and migrates) the app of a data dir, as a
// restarted process does.
func openApp(t *testing.T, dir string) core.App {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.ResetBootstrapState() })
	return app
}
