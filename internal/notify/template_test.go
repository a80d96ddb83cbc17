package notify_test

import (
	"strings"
	"testing"

	"helpdesk/internal/notify"
)

func TestWelcomeMessage(t *testing.T) {
	msg, err := notify.WelcomeMessage(notify.Welcome{
		AppName: "Acme Help",
		AppURL:  "https://help.example.com/",
		Name:    `Jane <script>alert("x")</script> & Co`,
		Email:   "jane@example.com",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(msg.Subject, "Welcome") || msg.Subject != "Welcome to Acme Help" {
		t.Errorf("subject = %q", msg.Subject)
	}
	if msg.To != `"Jane <script>alert(\"x\")</script> & Co" <jane@example.com>` {
		t.Errorf("to = %q", msg.To)
	}
	for _, want := range []string{"Jane &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co", `href="https://help.example.com"`} {
		if !strings.Contains(msg.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, msg.HTML)
		}
	}
	if strings.Contains(msg.HTML, "<script>") {
		t.Errorf("HTML carries the user's markup:\n%s", msg.HTML)
	}
	if !strings.Contains(msg.Text, `Jane <script>alert("x")</script> & Co`) || !strings.Contains(msg.Text, "https://help.example.com") {
		t.Errorf("text:\n%s", msg.Text)
	}
}

func TestAssignmentMessage(t *testing.T) {
	tests := []struct {
		name       string
		in         notify.Assignment
		subject    string
		htmlHas    []string
		htmlHasNot []string
		textHas    []string
		textHasNot []string
	}{
		{
			name: "triaged ticket",
			in: notify.Assignment{
				AppName: "Helpdesk", AppURL: "https://help.example.com",
				AssigneeName: "Mo", AssigneeEmail: "mo@example.com",
				TicketID: "abc123", Number: 12, Title: "Printer <b>on fire</b>", Priority: "high",
				Summary: "Smoke & <i>flames</i> from tray 2",
			},
			subject:    "[#12] New ticket assigned: Printer <b>on fire</b>",
			htmlHas:    []string{"Printer &lt;b&gt;on fire&lt;/b&gt;", "high", "Smoke &amp; &lt;i&gt;flames&lt;/i&gt; from tray 2", `href="https://help.example.com/#/tickets/abc123"`},
			htmlHasNot: []string{"<b>on fire</b>", "<i>flames</i>"},
			textHas:    []string{"Printer <b>on fire</b>", "Priority: high", "Smoke & <i>flames</i> from tray 2", "https://help.example.com/#/tickets/abc123"},
		},
		{
			name: "assigned before triage, no app URL",
			in: notify.Assignment{
				AssigneeName: "Mo", AssigneeEmail: "mo@example.com",
				TicketID: "abc123", Number: 3, Title: "VPN\r\ndown\u202e",
			},
			subject:    "[#3] New ticket assigned: VPN down",
			htmlHas:    []string{"not set yet", "No summary yet."},
			htmlHasNot: []string{"#/tickets/"},
			textHas:    []string{"Priority: not set yet", "No summary yet."},
			textHasNot: []string{"#/tickets/"},
		},
		{
			name: "bidi overrides in the title",
			in: notify.Assignment{
				AssigneeName: "Mo\u202e", AssigneeEmail: "mo@example.com",
				TicketID: "abc123", Number: 7, Title: "Invoice \u202efdp.exe\u202c \u2067x\u2069",
			},
			subject: "[#7] New ticket assigned: Invoice fdp.exe x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, err := notify.AssignmentMessage(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if msg.Subject != tt.subject {
				t.Errorf("subject = %q, want %q", msg.Subject, tt.subject)
			}
			if msg.To != `"Mo" <mo@example.com>` {
				t.Errorf("to = %q", msg.To)
			}
			for _, s := range tt.htmlHas {
				if !strings.Contains(msg.HTML, s) {
					t.Errorf("HTML lacks %q:\n%s", s, msg.HTML)
				}
			}
			for _, s := range tt.htmlHasNot {
				if strings.Contains(msg.HTML, s) {
					t.Errorf("HTML has %q:\n%s", s, msg.HTML)
				}
			}
			for _, s := range tt.textHas {
				if !strings.Contains(msg.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, msg.Text)
				}
			}
			for _, s := range tt.textHasNot {
				if strings.Contains(msg.Text, s) {
					t.Errorf("text has %q:\n%s", s, msg.Text)
				}
			}
		})
	}
}

func TestTicketLink(t *testing.T) {
	tests := []struct{ appURL, id, want string }{
		{"https://help.example.com", "abc", "https://help.example.com/#/tickets/abc"},
		{"https://help.example.com/", "abc", "https://help.example.com/#/tickets/abc"},
		{"http://10.0.0.5:8090/helpdesk/", "x1", "http://10.0.0.5:8090/helpdesk/#/tickets/x1"},
		{"", "abc", ""},
	}
	for _, tt := range tests {
		if got := notify.TicketLink(tt.appURL, tt.id); got != tt.want {
			t.Errorf("TicketLink(%q, %q) = %q, want %q", tt.appURL, tt.id, got, tt.want)
		}
	}
}
