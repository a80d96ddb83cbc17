package inbox_test

import (
	"strings"
	"testing"

	"helpdesk/internal/inbox"
)

func TestStripReply(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"gmail", "Thanks, fixed.\n\nOn Mon, Dec 1, 2025 at 10:00 AM Helpdesk <support@example.com> wrote:\n> old\n", "Thanks, fixed."},
		{"gmail wrapped", "Thanks.\n\nOn Mon, Dec 1, 2025 at 10:00 AM Helpdesk Support <support@example.com>\nwrote:\n> old\n", "Thanks."},
		{"french", "Merci.\n\nLe lun. 1 déc. 2025 à 10:00, Helpdesk <support@example.com> a écrit :\n> vieux\n", "Merci."},
		{"outlook", "Done.\n\n________________________________\nFrom: Helpdesk <support@example.com>\nSent: Monday, December 1, 2025 10:00\nTo: Jane\nSubject: [#4] x\n\nold text\n", "Done."},
		{"original message", "Yes.\n-----Original Message-----\nFrom: x\n", "Yes."},
		{"signature", "See logs.\n-- \nJane Doe\n+1 555 0100\n", "See logs."},
		{"signature without space", "See logs.\n--\nJane\n", "See logs."},
		{"mobile", "OK\n\nSent from my iPhone\n", "OK"},
		{"trailing quote", "Agreed.\n\n> you said\n> this\n", "Agreed."},
		{"inline answers kept", "> Does it print?\nNo.\n> Which model?\nHP 4000\n", "> Does it print?\nNo.\n> Which model?\nHP 4000"},
		{"a sentence starting with On", "On my laptop the VPN drops.\nIt wrote: nothing.", "On my laptop the VPN drops.\nIt wrote: nothing."},
		{"only quote", "On Mon, Jane <j@x> wrote:\n> hi\n", ""},
	}
	for _, tt := range tests {
		if got := inbox.StripReply(tt.in); got != tt.want {
			t.Errorf("%s: StripReply = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTicketNumberAndTitle(t *testing.T) {
	const host = "desk.example.com"
	tests := []struct {
		subject string
		refs    []string
		want    int
	}{
		{"Re: [#12] Printer", nil, 12},
		{"Printer", []string{"abc@mail.example", "hd.7.x1y2@desk.example.com"}, 7},
		{"Printer", []string{"hd.7@DESK.example.com"}, 7},
		{"Re: [#12] Printer", []string{"hd.7@desk.example.com"}, 7},
		{"Printer", []string{"hd.7@other.example"}, 0},
		{"Printer", []string{"xhd.7@desk.example.com", "hd.@desk.example.com"}, 0},
		{"Re: #12 Printer", nil, 0},
	}
	for _, tt := range tests {
		m := &inbox.Message{Subject: tt.subject, References: tt.refs}
		if got := inbox.TicketNumber(m, host); got != tt.want {
			t.Errorf("TicketNumber(%q, %v) = %d, want %d", tt.subject, tt.refs, got, tt.want)
		}
	}
	for in, want := range map[string]string{
		"Re: [#12] Printer jams":       "Printer jams",
		"RE: Fwd: AW: Printer":         "Printer",
		"Re: Re[2]: Printer":           "Printer",
		"Printer [#3] on floor 3":      "Printer on floor 3",
		"Reset my password":            "Reset my password",
		"Fwd:   spaced   out  subject": "spaced out subject",
	} {
		if got := inbox.TicketTitle(in); got != want {
			t.Errorf("TicketTitle(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"https://desk.example.com:8443/x": "desk.example.com", "": inbox.DefaultHost, "not a url": inbox.DefaultHost} {
		if got := inbox.DeskHost(in); got != want {
			t.Errorf("DeskHost(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAccountName(t *testing.T) {
	tests := []struct{ display, address, want string }{
		{"Jane Doe", "jane@example.com", "Jane Doe"},
		{"  \"Jane\tDoe\"  ", "jane@example.com", "Jane Doe"},
		{"\u202eevil\u202c", "mallory@example.com", "evil"},
		{"J", "jd@example.com", "jd"},
		{"", "j@example.com", inbox.FallbackName},
		{"jane.doe@example.com", "jane.doe@example.com", "jane doe"},
		{"Jane via Example.com", "jd@example.com", "jd"},
		{"", "x@example.com", inbox.FallbackName},
		{"<>", "bob@example.com", "bob"},
		{strings.Repeat("x", 150), "x@example.com", strings.Repeat("x", 100)},
	}
	for _, tt := range tests {
		if got := inbox.AccountName(tt.display, tt.address); got != tt.want {
			t.Errorf("AccountName(%q, %q) = %q, want %q", tt.display, tt.address, got, tt.want)
		}
	}
}

func TestParseURL(t *testing.T) {
	s, err := inbox.ParseURL("imaps://support%40example.com:app%2Fpass@imap.example.com/Support/Inbox")
	if err != nil {
		t.Fatal(err)
	}
	if !s.TLS || s.Addr != "imap.example.com:993" || s.Username != "support@example.com" || s.Password != "app/pass" || s.Folder != "Support/Inbox" {
		t.Errorf("%+v", s)
	}
	if strings.Contains(s.String(), "app") && strings.Contains(s.String(), "pass") && strings.Contains(s.String(), "app/pass") {
		t.Errorf("String %q shows the password", s.String())
	}
	s, err = inbox.ParseURL("imap://u:p@127.0.0.1")
	if err != nil || s.TLS || s.Addr != "127.0.0.1:143" || s.Folder != "INBOX" {
		t.Errorf("%+v %v", s, err)
	}
	for _, bad := range []string{"http://u:p@h/INBOX", "imaps://h/INBOX", "imaps://u:p@/INBOX", "::"} {
		if _, err := inbox.ParseURL(bad); err == nil {
			t.Errorf("ParseURL(%q) accepted", bad)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("IMAP_URL", "imaps://u:secret@h/INBOX")
	t.Setenv("IMAP_POLL", "15s")
	t.Setenv("IMAP_MAX_SIZE", "10MB")
	t.Setenv("IMAP_TICKETS_PER_SENDER_PER_HOUR", "3")
	t.Setenv("IMAP_MOVE_TO", "Done")
	c, err := inbox.ConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if !c.Enabled() || c.Poll.String() != "15s" || c.MaxSize != 10<<20 || c.TicketsPerSenderPerHour != 3 || c.MoveTo != "Done" {
		t.Errorf("%+v", c)
	}
	t.Setenv("IMAP_URL", "ftp://u:secret@h/")
	t.Setenv("IMAP_POLL", "soon")
	t.Setenv("IMAP_MAX_SIZE", "big")
	_, err = inbox.ConfigFromEnv()
	for _, name := range []string{"IMAP_URL", "IMAP_POLL", "IMAP_MAX_SIZE"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not name %s", err, name)
		}
	}
	if err != nil && strings.Contains(err.Error(), "secret") {
		t.Errorf("error %q shows the password", err)
	}
}
