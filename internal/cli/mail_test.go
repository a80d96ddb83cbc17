package cli_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
)

// run executes `mail args...` and returns its output and error.
func runMail(t *testing.T, app core.App, args ...string) (string, error) {
	t.Helper()
	cmd := cli.NewMailCommand(app)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestMailTestCommand(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, app core.App, s *mailtest.Server)
		to      string
		wantErr []string // empty: success
	}{
		{"delivered", nil, "jane@example.com", nil},
		{"not configured", func(t *testing.T, app core.App, _ *mailtest.Server) {
			s := app.Settings()
			s.SMTP.Enabled = false
			if err := app.Save(s); err != nil {
				t.Fatal(err)
			}
		}, "jane@example.com", []string{"(not configured)", "Dashboard → Settings → Mail"}},
		{"connection refused", func(_ *testing.T, _ core.App, s *mailtest.Server) { s.Down() }, "jane@example.com", []string{"(connection refused)", "check host and port"}},
		{"recipient refused", func(_ *testing.T, _ core.App, s *mailtest.Server) { s.RefuseRecipient("nobody@example.com") }, "nobody@example.com", []string{"(recipient refused)", "550"}},
		{"TLS", func(t *testing.T, app core.App, _ *mailtest.Server) {
			s := app.Settings()
			s.SMTP.TLS = true
			if err := app.Save(s); err != nil {
				t.Fatal(err)
			}
		}, "jane@example.com", []string{"(TLS)"}},
		{"wrong password", func(t *testing.T, app core.App, srv *mailtest.Server) {
			srv.RequireAuth("helpdesk", "secret")
			s := app.Settings()
			s.SMTP.Username, s.SMTP.Password = "helpdesk", "wrong"
			if err := app.Save(s); err != nil {
				t.Fatal(err)
			}
		}, "jane@example.com", []string{"(authentication)", "username, password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := apptest.NewApp(t)
			server := mailtest.NewServer(t)
			server.Configure(app)
			if tt.setup != nil {
				tt.setup(t, app, server)
			}
			out, err := runMail(t, app, "test", tt.to)
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("mail test failed: %v\n%s", err, out)
				}
				if !strings.Contains(out, "Test mail sent to "+tt.to) {
					t.Errorf("output %q", out)
				}
				if p := server.WaitFor(1)[0].Parse(t); !strings.HasPrefix(p.Subject, "Test mail from") {
					t.Errorf("subject %q", p.Subject)
				}
				return
			}
			if err == nil {
				t.Fatalf("mail test succeeded, want %v", tt.wantErr)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if n := len(server.Messages()); n != 0 {
				t.Errorf("the server got %d message(s)", n)
			}
		})
	}
}

func TestMailRetryCommand(t *testing.T) {
	app := apptest.NewApp(t)
	var failed []string
	for _, subject := range []string{"first", "second"} {
		r, err := mail.Enqueue(app, mail.Message{To: "jane@example.com", Subject: subject, Text: "t"})
		if err != nil {
			t.Fatal(err)
		}
		r.Set(mail.FieldStatus, mail.StatusFailed)
		r.Set(mail.FieldAttempts, 10)
		r.Set(mail.FieldLastError, "recipient refused: 550")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		failed = append(failed, r.Id)
	}
	sent, err := mail.Enqueue(app, mail.Message{To: "jane@example.com", Subject: "sent", Text: "t"})
	if err != nil {
		t.Fatal(err)
	}
	sent.Set(mail.FieldStatus, mail.StatusSent)
	sent.Set(mail.FieldAttempts, 1)
	if err := app.Save(sent); err != nil {
		t.Fatal(err)
	}

	out, err := runMail(t, app, "retry")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Re-queued 2 failed mail(s)") {
		t.Errorf("output %q", out)
	}
	for _, id := range failed {
		r, err := app.FindRecordById(mail.Collection, id)
		if err != nil {
			t.Fatal(err)
		}
		if r.GetString(mail.FieldStatus) != mail.StatusQueued || r.GetInt(mail.FieldAttempts) != 0 {
			t.Errorf("mail %s: status %q attempts %d, want queued with 0", id, r.GetString(mail.FieldStatus), r.GetInt(mail.FieldAttempts))
		}
	}
	if n, _ := app.CountRecords(mail.Collection, dbx.HashExp{mail.FieldStatus: mail.StatusSent}); n != 1 {
		t.Errorf("%d sent mails, want the sent one untouched", n)
	}

	// requeued mails go out once the sender runs
	server := mailtest.NewServer(t)
	server.Configure(app)
	sender := mail.NewSender(app, mail.Config{SweepInterval: 10 * time.Millisecond})
	sender.Start()
	t.Cleanup(sender.Stop)
	server.WaitFor(2)
}
