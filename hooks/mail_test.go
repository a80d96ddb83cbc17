package hooks_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

const mailAppURL = "https://help.example.com"

// newMailApp is a test app whose mail goes through the outbox to a real
// SMTP server in the test process, with a running sender.
func newMailApp(t testing.TB) (*tests.TestApp, *mailtest.Server) {
	t.Helper()
	return newMailAppWith(t, notify.Config{})
}

// newMailAppWith is newMailApp with the ticket mails configured by cfg.
func newMailAppWith(t testing.TB, cfg notify.Config) (*tests.TestApp, *mailtest.Server) {
	t.Helper()
	app, svc := apptest.New(t, hooks.Config{Manual: true, Notify: cfg, Mail: mail.Config{
		RetryBase:     5 * time.Millisecond,
		RetryMax:      20 * time.Millisecond,
		SweepInterval: 10 * time.Millisecond,
	}})
	server := mailtest.NewServer(t)
	server.Configure(app)
	settings, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	settings.Meta.AppURL = mailAppURL
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	svc.Mail.Start()
	return app, server
}

// receivedWithSubject waits for the one message whose subject starts
// with prefix.
func receivedWithSubject(t testing.TB, server *mailtest.Server, prefix string) mailtest.Parsed {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var found []mailtest.Parsed
		for _, m := range server.Messages() {
			if p := m.Parse(t); strings.HasPrefix(p.Subject, prefix) {
				found = append(found, p)
			}
		}
		if len(found) > 1 {
			t.Fatalf("%d messages with subject %q, want one", len(found), prefix)
		}
		if len(found) == 1 {
			return found[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no message with subject %q arrived", prefix)
	return mailtest.Parsed{}
}

// outboxCount counts outbox mails whose subject contains part.
func outboxCount(t testing.TB, app core.App, part string) int {
	t.Helper()
	n, err := app.CountRecords(mail.Collection, dbx.Like(mail.FieldSubject, part))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func checkAlternative(t testing.TB, p mailtest.Parsed) {
	t.Helper()
	if p.MediaType != "multipart/alternative" || p.Text == "" || p.HTML == "" {
		t.Errorf("want multipart/alternative with text and HTML, got %s (text %d bytes, HTML %d bytes)", p.MediaType, len(p.Text), len(p.HTML))
	}
	if from := p.Header.Get("From"); from != `"Helpdesk Test" <helpdesk@example.com>` {
		t.Errorf("From = %q", from)
	}
}

func TestMailWelcomeOnSignup(t *testing.T) {
	var server *mailtest.Server
	scenario := tests.ApiScenario{
		Name:   "sign up",
		Method: http.MethodPost,
		URL:    "/api/collections/users/records",
		Body: strings.NewReader(`{"email":"new@example.com","password":"password123","passwordConfirm":"password123",` +
			`"name":"Jane <b>Doe</b> & Co"}`),
		ExpectedStatus:  http.StatusOK,
		ExpectedContent: []string{`"role":"user"`},
		ExpectedEvents:  map[string]int{"OnRecordCreateRequest": 1, "OnMailerSend": 0},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app, s := newMailApp(t)
			server = s
			return app
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			p := receivedWithSubject(t, server, "Welcome")
			checkAlternative(t, p)
			// the address is nobody's verified one: nothing the sign-up
			// chose but the address itself reaches it
			if to := p.Header.Get("To"); to != "<new@example.com>" && to != "new@example.com" {
				t.Errorf("To = %q", to)
			}
			for _, part := range []string{p.HTML, p.Text, p.Header.Get("Subject")} {
				if strings.Contains(part, "Jane") || strings.Contains(part, "Doe") {
					t.Errorf("the sign-up's name reached the mail:\n%s", part)
				}
			}
			if !strings.Contains(p.Text, "Welcome to") || !strings.Contains(p.Text, mailAppURL) {
				t.Errorf("text:\n%s", p.Text)
			}
		},
	}
	scenario.Test(t)
}

func TestMailWelcomeSharesTheUsersTransaction(t *testing.T) {
	app := apptest.NewApp(t)

	abort := errors.New("abort")
	err := app.RunInTransaction(func(txApp core.App) error {
		apptest.CreateUser(t, txApp, "gone@example.com", "Gone", user.RoleUser)
		return abort
	})
	if !errors.Is(err, abort) {
		t.Fatal(err)
	}
	if n := outboxCount(t, app, "Welcome"); n != 0 {
		t.Fatalf("a rolled-back signup left %d welcome mail(s)", n)
	}

	// a plain save (no caller transaction) queues exactly one
	apptest.CreateUser(t, app, "kept@example.com", "Kept", user.RoleUser)
	if n := outboxCount(t, app, "Welcome"); n != 1 {
		t.Fatalf("%d welcome mails, want 1", n)
	}
}

func TestMailAssignmentByAPerson(t *testing.T) {
	app, server := newMailApp(t)
	admin := apptest.CreateUser(t, app, "admin@example.com", "Ada Admin", user.RoleAdmin)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	other := apptest.CreateUser(t, app, "other@example.com", "Otto Moderator", user.RoleModerator)
	creator := apptest.CreateUser(t, app, "user@example.com", "Una User", user.RoleUser)
	const title = `Printer <b>on fire</b> & smoking`
	tk := apptest.CreateTicket(t, app, creator, title, map[string]any{
		ticket.FieldPriority: ticket.PriorityHigh,
		ticket.FieldSummary:  "Tray 2 <i>smokes</i>",
	})
	if n := outboxCount(t, app, "New ticket assigned"); n != 0 {
		t.Fatalf("%d assignment mails for an unassigned ticket", n)
	}

	scenario := tests.ApiScenario{
		Name:            "an admin assigns a ticket",
		Method:          http.MethodPatch,
		URL:             "/api/collections/tickets/records/" + tk.Id,
		Body:            strings.NewReader(`{"assigned_to":"` + mod.Id + `"}`),
		Headers:         map[string]string{"Authorization": apptest.Token(t, admin)},
		ExpectedStatus:  http.StatusOK,
		ExpectedContent: []string{`"assigned_to":"` + mod.Id + `"`},
		ExpectedEvents:  map[string]int{"OnRecordUpdateRequest": 1},
		TestAppFactory:  func(testing.TB) *tests.TestApp { return app },
		// apptest cleans the app up with the test
		DisableTestAppCleanup: true,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			subject := "[#1] New ticket assigned: " + title
			p := receivedWithSubject(t, server, subject)
			checkAlternative(t, p)
			if p.Subject != subject {
				t.Errorf("Subject = %q, want %q", p.Subject, subject)
			}
			if to := p.Header.Get("To"); to != `"Mo Moderator" <mod@example.com>` {
				t.Errorf("To = %q", to)
			}
			link := mailAppURL + "/#/tickets/" + tk.Id
			for _, want := range []string{"Printer &lt;b&gt;on fire&lt;/b&gt; &amp; smoking", "high", "Tray 2 &lt;i&gt;smokes&lt;/i&gt;", `href="` + link + `"`} {
				if !strings.Contains(p.HTML, want) {
					t.Errorf("HTML lacks %q:\n%s", want, p.HTML)
				}
			}
			for _, want := range []string{title, "Priority: high", "Tray 2 <i>smokes</i>", link} {
				if !strings.Contains(p.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, p.Text)
				}
			}
		},
	}
	scenario.Test(t)

	// saving the same record value twice with the same assignee (as a
	// worker does) sends nothing more; a new assignee set at model level,
	// as the triage does, gets a mail
	fresh, err := app.FindRecordById(ticket.Collection, tk.Id)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Set(ticket.FieldStatus, ticket.StatusInProgress)
	for range 2 {
		if err := app.Save(fresh); err != nil {
			t.Fatal(err)
		}
	}
	if n := outboxCount(t, app, "New ticket assigned"); n != 1 {
		t.Fatalf("%d assignment mails after re-saves, want 1", n)
	}
	fresh.Set(ticket.FieldAssignedTo, other.Id)
	if err := app.Save(fresh); err != nil {
		t.Fatal(err)
	}
	if n := outboxCount(t, app, "New ticket assigned"); n != 2 {
		t.Fatalf("%d assignment mails after reassigning, want 2", n)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(lastTo(server), "other@example.com") {
		if time.Now().After(deadline) {
			t.Fatal("the new assignee got no mail")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// lastTo is the envelope recipient of the last received message.
func lastTo(server *mailtest.Server) string {
	got := server.Messages()
	if len(got) == 0 {
		return ""
	}
	return strings.Join(got[len(got)-1].To, ",")
}

func TestMailPocketBasePasswordResetGoesThroughTheOutbox(t *testing.T) {
	app, server := newMailApp(t)
	apptest.CreateUser(t, app, "forgetful@example.com", "Fred Forgetful", user.RoleUser)

	scenario := tests.ApiScenario{
		Name:                  "request a password reset",
		Method:                http.MethodPost,
		URL:                   "/api/collections/users/request-password-reset",
		Body:                  strings.NewReader(`{"email":"forgetful@example.com"}`),
		ExpectedStatus:        http.StatusNoContent,
		ExpectedEvents:        map[string]int{"OnRecordRequestPasswordResetRequest": 1},
		TestAppFactory:        func(testing.TB) *tests.TestApp { return app },
		DisableTestAppCleanup: true,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			p := receivedWithSubject(t, server, "Reset your")
			checkAlternative(t, p)
			if to := p.Header.Get("To"); !strings.Contains(to, "<forgetful@example.com>") {
				t.Errorf("To = %q", to)
			}
			if !strings.Contains(p.HTML, "confirm-password-reset") || !strings.Contains(p.Text, "confirm-password-reset") {
				t.Errorf("the reset link is missing:\nHTML: %s\ntext: %s", p.HTML, p.Text)
			}
			if n := app.TestMailer.TotalSend(); n != 0 {
				t.Errorf("PocketBase sent %d mail(s) itself", n)
			}
			deadline := time.Now().Add(20 * time.Second)
			for outboxSent(t, app, "Reset your") != 1 {
				if time.Now().After(deadline) {
					t.Fatal("the reset mail is not marked sent in the outbox")
				}
				time.Sleep(10 * time.Millisecond)
			}
		},
	}
	scenario.Test(t)
}

// outboxSent counts sent outbox mails whose subject starts with prefix.
func outboxSent(t testing.TB, app core.App, prefix string) int {
	t.Helper()
	n, err := app.CountRecords(mail.Collection, dbx.Like(mail.FieldSubject, prefix).Match(false, true), dbx.HashExp{mail.FieldStatus: mail.StatusSent})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestMailAssignmentOnCreateAndRollback(t *testing.T) {
	app := apptest.NewApp(t)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	other := apptest.CreateUser(t, app, "other@example.com", "Otto Moderator", user.RoleModerator)
	creator := apptest.CreateUser(t, app, "user@example.com", "Una User", user.RoleUser)

	tk := apptest.CreateTicket(t, app, creator, "Created assigned", map[string]any{ticket.FieldAssignedTo: mod.Id})
	if n := outboxCount(t, app, "New ticket assigned: Created assigned"); n != 1 {
		t.Fatalf("%d assignment mails for a ticket created assigned, want 1", n)
	}

	abort := errors.New("abort")
	err := app.RunInTransaction(func(txApp core.App) error {
		tk.Set(ticket.FieldAssignedTo, other.Id)
		if err := txApp.Save(tk); err != nil {
			return err
		}
		return abort
	})
	if !errors.Is(err, abort) {
		t.Fatal(err)
	}
	if n := outboxCount(t, app, "New ticket assigned"); n != 1 {
		t.Fatalf("%d assignment mails after a rolled-back reassignment, want 1", n)
	}
}
