package notify_test

import (
	"strings"
	"testing"

	"helpdesk/internal/mail"
	"helpdesk/internal/notify"
)

func TestTicketMessages(t *testing.T) {
	tk := notify.Ticket{AppURL: "https://help.example.com/", ID: "t1", Number: 42, Title: "Wi-Fi <i>drops</i>\r\n\u202eagain"}
	const link = "https://help.example.com/#/tickets/t1"
	render := func(f func() (mail.Message, error)) mail.Message {
		t.Helper()
		m, err := f()
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	tests := []struct {
		name    string
		msg     mail.Message
		to      string
		subject string
		html    []string
		text    []string
		not     []string
	}{
		{
			name: "receipt",
			msg: render(func() (mail.Message, error) {
				return notify.ReceiptMessage(notify.Receipt{Ticket: tk, RequesterName: "Rita \u202eR", RequesterEmail: "rita@example.com",
					Description: "It **drops** <script>x()</script>", PasswordLink: "https://help.example.com/#/reset-password/tok"})
			}),
			to:      `"Rita R" <rita@example.com>`,
			subject: "[#42] We received your ticket: Wi-Fi <i>drops</i> again",
			html:    []string{"#42", "Wi-Fi &lt;i&gt;drops&lt;/i&gt;", "<strong>drops</strong>", `href="` + link + `"`, `href="https://help.example.com/#/reset-password/tok"`, "— Helpdesk"},
			text:    []string{"It **drops** <script>x()</script>", link, "https://help.example.com/#/reset-password/tok"},
			not:     []string{"<script", "<i>drops"},
		},
		{
			name: "staff reply",
			msg: render(func() (mail.Message, error) {
				return notify.ReplyMessage(notify.Reply{Ticket: tk, ToName: "Rita", ToEmail: "rita@example.com", AuthorName: "Mo <b>", Body: "Try `ipconfig /renew`", Attachments: 2})
			}),
			to:      `"Rita" <rita@example.com>`,
			subject: "[#42] New reply: Wi-Fi <i>drops</i> again",
			html:    []string{"Mo &lt;b&gt; replied to your ticket", "<code>ipconfig /renew</code>", "2 attached file(s)"},
			text:    []string{"Mo <b> replied to your ticket #42", "Try `ipconfig /renew`", link},
			not:     []string{"replying to this mail"},
		},
		{
			name: "requester reply by mail",
			msg: render(func() (mail.Message, error) {
				return notify.ReplyMessage(notify.Reply{Ticket: tk, ToName: "Mo", ToEmail: "mo@example.com", AuthorName: "Rita", Body: "Still down", FromRequester: true, ReplyByMail: true})
			}),
			to:      `"Mo" <mo@example.com>`,
			subject: "[#42] New reply: Wi-Fi <i>drops</i> again",
			html:    []string{"Rita, who opened ticket <strong>#42", "Still down", "replying to this mail"},
			text:    []string{"Rita, who opened ticket #42", "replying to this mail"},
			not:     []string{"attached file"},
		},
		{
			name: "resolved",
			msg: render(func() (mail.Message, error) {
				return notify.ResolvedMessage(notify.Resolved{Ticket: tk, RequesterName: "Rita", RequesterEmail: "rita@example.com"})
			}),
			to:      `"Rita" <rita@example.com>`,
			subject: "[#42] Resolved: Wi-Fi <i>drops</i> again",
			html:    []string{"Ticket #42 is resolved", `href="` + link + `"`},
			text:    []string{"was marked as resolved", link},
			not:     []string{"or to this mail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.msg.To != tt.to {
				t.Errorf("to = %q, want %q", tt.msg.To, tt.to)
			}
			if tt.msg.Subject != tt.subject {
				t.Errorf("subject = %q, want %q", tt.msg.Subject, tt.subject)
			}
			for _, s := range tt.html {
				if !strings.Contains(tt.msg.HTML, s) {
					t.Errorf("HTML lacks %q:\n%s", s, tt.msg.HTML)
				}
			}
			for _, s := range tt.text {
				if !strings.Contains(tt.msg.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, tt.msg.Text)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(tt.msg.HTML, s) {
					t.Errorf("HTML has %q:\n%s", s, tt.msg.HTML)
				}
			}
		})
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv(notify.EnvSupportAddress, "")
	if cfg, err := notify.ConfigFromEnv(); err != nil || cfg.SupportAddress != "" {
		t.Errorf("unset: %+v, %v", cfg, err)
	}
	t.Setenv(notify.EnvSupportAddress, " Support <help@example.com> ")
	if cfg, err := notify.ConfigFromEnv(); err != nil || cfg.SupportAddress != "help@example.com" {
		t.Errorf("set: %+v, %v", cfg, err)
	}
	t.Setenv(notify.EnvSupportAddress, "not an address")
	if _, err := notify.ConfigFromEnv(); err == nil || !strings.Contains(err.Error(), "SUPPORT_ADDRESS") {
		t.Errorf("bad address: %v", err)
	}
}
