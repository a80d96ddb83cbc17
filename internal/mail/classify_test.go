package mail_test

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
)

// TestMailClassify sends through a real SMTP server set up to fail in
// each way and checks the kind the failure is given.
func TestMailClassify(t *testing.T) {
	tests := []struct {
		name  string
		setup func(s *mailtest.Server, tr *mail.Transport)
		to    string
		want  mail.Problem
	}{
		{"not configured", func(_ *mailtest.Server, tr *mail.Transport) { tr.SMTP.Enabled = false }, "jane@example.com", mail.ProblemNotConfigured},
		{"connection refused", func(s *mailtest.Server, _ *mail.Transport) { s.Down() }, "jane@example.com", mail.ProblemConnectRefused},
		{"recipient refused", func(s *mailtest.Server, _ *mail.Transport) { s.RefuseRecipient("nobody@example.com") }, "nobody@example.com", mail.ProblemRecipientRefused},
		{"TLS against a plain server", func(_ *mailtest.Server, tr *mail.Transport) { tr.SMTP.TLS = true }, "jane@example.com", mail.ProblemTLS},
		{"wrong password", func(s *mailtest.Server, tr *mail.Transport) {
			s.RequireAuth("helpdesk", "secret")
			tr.SMTP.Username, tr.SMTP.Password = "helpdesk", "wrong"
		}, "jane@example.com", mail.ProblemAuth},
		{"connection dropped", func(s *mailtest.Server, _ *mail.Transport) { s.DropNext(1) }, "jane@example.com", mail.ProblemConnectionDropped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mailtest.NewServer(t)
			tr := mail.Transport{
				SMTP:          core.SMTPConfig{Enabled: true, Host: s.Host(), Port: s.Port()},
				SenderName:    "Helpdesk",
				SenderAddress: "helpdesk@example.com",
			}
			tt.setup(s, &tr)
			err := tr.Send(context.Background(), mail.Message{To: tt.to, Subject: "s", Text: "t"}, "")
			if err == nil {
				t.Fatal("the send succeeded")
			}
			if got := mail.Classify(err); got != tt.want {
				t.Fatalf("Classify(%v) = %q, want %q", err, got, tt.want)
			}
			if mail.Classify(err).Hint() == "" {
				t.Errorf("no hint for %q", tt.want)
			}
		})
	}
}

// Failures a test server cannot produce offline, built as net returns them.
func TestMailClassifyNetworkErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want mail.Problem
	}{
		{"DNS", fmt.Errorf("dial failed: %w", &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "smtp.nowhere.invalid", IsNotFound: true}}), mail.ProblemDNS},
		{"timeout", fmt.Errorf("dial failed: %w", context.DeadlineExceeded), mail.ProblemTimeout},
		{"unreachable", fmt.Errorf("dial failed: %w", &net.OpError{Op: "dial", Net: "tcp", Err: fmt.Errorf("network is unreachable")}), mail.ProblemConnect},
	}
	for _, tt := range tests {
		if got := mail.Classify(tt.err); got != tt.want {
			t.Errorf("%s: Classify = %q, want %q", tt.name, got, tt.want)
		}
	}
}
