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
