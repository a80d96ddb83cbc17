package mail_test

import (
	"bytes"
	"io"
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/mailer"

	"helpdesk/apptest"
	"helpdesk/internal/mail"
)

func TestMailFromPocketBase(t *testing.T) {
	tests := []struct {
		name    string
		in      mailer.Message
		want    mail.Message
		dropped bool
	}{
		{
			name: "verification mail",
			in: mailer.Message{
				From:    netmail.Address{Name: "Acme", Address: "acme@example.com"},
				To:      []netmail.Address{{Name: "Jane", Address: "jane@example.com"}},
				Subject: "Verify your email",
				HTML:    `<p>Hello,</p><p><a href="https://x/verify?t=1">Verify</a></p>`,
			},
			want: mail.Message{To: `"Jane" <jane@example.com>`, Subject: "Verify your email", HTML: `<p>Hello,</p><p><a href="https://x/verify?t=1">Verify</a></p>`},
		},
		{
			name: "several recipients, headers and an attachment",
			in: mailer.Message{
				To:          []netmail.Address{{Address: "a@example.com"}, {Address: "b@example.com"}},
				Bcc:         []netmail.Address{{Address: "c@example.com"}},
				Subject:     "Report",
				Text:        "see attached",
				Headers:     map[string]string{"Reply-To": "ops@example.com"},
				Attachments: map[string]io.Reader{"r.txt": bytes.NewBufferString("x")},
			},
			want:    mail.Message{To: "<a@example.com>, <b@example.com>", Bcc: "<c@example.com>", Subject: "Report", Text: "see attached", Headers: map[string]string{"Reply-To": "ops@example.com"}},
			dropped: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dropped := mail.FromPocketBase(&tt.in)
			if got.To != tt.want.To || got.Bcc != tt.want.Bcc || got.Subject != tt.want.Subject ||
				got.HTML != tt.want.HTML || got.Text != tt.want.Text || got.Headers["Reply-To"] != tt.want.Headers["Reply-To"] {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if dropped != tt.dropped {
				t.Errorf("dropped = %v, want %v", dropped, tt.dropped)
			}
		})
	}
}

func TestMailEnqueueAddsPlainTextToHTMLOnlyMail(t *testing.T) {
	app := apptest.NewApp(t)
	r, err := mail.Enqueue(app, mail.Message{
		To:      "jane@example.com",
		Subject: "Reset your password",
		HTML:    `<html><head><style>p{}</style></head><body><p>Hello,</p><p>Click <a href="https://x/reset?t=1">here</a> to reset.</p><ul><li>one</li></ul></body></html>`,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Hello,\n\nClick here (https://x/reset?t=1) to reset.\n\n- one"
	if got := r.GetString(mail.FieldText); strings.TrimSpace(got) != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestMailEnqueueRejectsUnsendableMail(t *testing.T) {
	app := apptest.NewApp(t)
	tests := []struct {
		name string
		msg  mail.Message
	}{
		{"no recipient", mail.Message{Subject: "s", Text: "t"}},
		{"bad recipient", mail.Message{To: "not an address", Subject: "s", Text: "t"}},
		{"no subject", mail.Message{To: "a@example.com", Text: "t"}},
		{"no body", mail.Message{To: "a@example.com", Subject: "s"}},
		{"bad Message-ID", mail.Message{To: "a@example.com", Subject: "s", Text: "t", Headers: map[string]string{"message-id": "hd.1@x"}}},
		{"two Message-IDs", mail.Message{To: "a@example.com", Subject: "s", Text: "t", Headers: map[string]string{"Message-ID": "<a@x> <b@x>"}}},
		{"bad References", mail.Message{To: "a@example.com", Subject: "s", Text: "t", Headers: map[string]string{"References": "<a@x>\r\nBcc: b@example.com"}}},
		{"bad Reply-To", mail.Message{To: "a@example.com", Subject: "s", Text: "t", Headers: map[string]string{"Reply-To": "support at example"}}},
		{"bad header name", mail.Message{To: "a@example.com", Subject: "s", Text: "t", Headers: map[string]string{"X-A: b\r\nBcc": "c@example.com"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := mail.Enqueue(app, tt.msg); err == nil {
				t.Fatal("queued an unsendable mail")
			}
		})
	}
	if n, _ := app.CountRecords(mail.Collection); n != 0 {
		t.Fatalf("%d mails queued, want none", n)
	}
}
