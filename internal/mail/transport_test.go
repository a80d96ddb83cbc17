package mail_test

import (
	"context"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
)

func TestMailTransportAuthenticates(t *testing.T) {
	tests := []struct{ name, method string }{
		{"PLAIN", "PLAIN"},
		{"default method", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mailtest.NewServer(t)
			s.RequireAuth("helpdesk", "secret")
			tr := mail.Transport{
				SMTP: core.SMTPConfig{Enabled: true, Host: s.Host(), Port: s.Port(),
					Username: "helpdesk", Password: "secret", AuthMethod: tt.method, LocalName: "helpdesk.example.com"},
				SenderAddress: "helpdesk@example.com",
			}
			if err := tr.Send(context.Background(), mail.Message{To: "jane@example.com", Subject: "Authenticated", Text: "t"}, ""); err != nil {
				t.Fatal(err)
			}
			if got := s.WaitFor(1)[0].Parse(t); got.Subject != "Authenticated" || got.Header.Get("From") != "<helpdesk@example.com>" {
				t.Fatalf("got subject %q from %q", got.Subject, got.Header.Get("From"))
			}
		})
	}
}

func TestMailTransportHonoursThreadingHeaders(t *testing.T) {
	s := mailtest.NewServer(t)
	tr := mail.Transport{
		SMTP:          core.SMTPConfig{Enabled: true, Host: s.Host(), Port: s.Port()},
		SenderAddress: "helpdesk@example.com",
	}
	threaded := mail.Message{To: "jane@example.com", Subject: "[#7] New reply: VPN", Text: "t", Headers: map[string]string{
		"message-id":     "<hd.7.abc@help.example.com>",
		"In-Reply-To":    "<hd.7@help.example.com>",
		"References":     "<hd.7@help.example.com>",
		"Reply-To":       `"Support" <support@example.com>`,
		"Auto-Submitted": "auto-generated",
		// written by the transport itself: ignored
		"From": "mallory@example.com",
		"Bcc":  "mallory@example.com",
	}}
	if err := tr.Send(context.Background(), threaded, "outbox-r1"); err != nil {
		t.Fatal(err)
	}
	plain := mail.Message{To: "jane@example.com", Subject: "Plain", Text: "t"}
	if err := tr.Send(context.Background(), plain, "outbox-r2"); err != nil {
		t.Fatal(err)
	}
	got := s.WaitFor(2)
	if len(got[0].To) != 1 || got[0].To[0] != "jane@example.com" {
		t.Errorf("envelope recipients %v: a header added one", got[0].To)
	}
	p := got[0].Parse(t)
	checks := map[string][2]string{
		"Message-ID":       {p.Header.Get("Message-ID"), "<hd.7.abc@help.example.com>"},
		"In-Reply-To":      {p.Header.Get("In-Reply-To"), "<hd.7@help.example.com>"},
		"References":       {p.Header.Get("References"), "<hd.7@help.example.com>"},
		"Reply-To":         {p.Header.Get("Reply-To"), `"Support" <support@example.com>`},
		"Auto-Submitted":   {p.Header.Get("Auto-Submitted"), "auto-generated"},
		"From":             {p.Header.Get("From"), "<helpdesk@example.com>"},
		"Bcc":              {p.Header.Get("Bcc"), ""},
		"plain Message-ID": {got[1].Parse(t).Header.Get("Message-ID"), "<outbox-r2@example.com>"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if n := len(p.Header["Message-Id"]); n != 1 {
		t.Errorf("%d Message-ID headers, want 1", n)
	}
}
