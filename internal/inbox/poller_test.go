package inbox_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/comment"
	"helpdesk/internal/inbox"
	"helpdesk/internal/inbox/inboxtest"
	"helpdesk/internal/mail"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

const host = "desk.example.com"

// desk is a helpdesk app reading an in-process IMAP server.
type desk struct {
	t      *testing.T
	app    *tests.TestApp
	srv    *inboxtest.Server
	poller *inbox.Poller
	logs   *logRecorder
}

func newDesk(t *testing.T, mode inboxtest.Mode, tune func(*inbox.Config)) *desk {
	t.Helper()
	app := apptest.NewApp(t)
	s := app.Settings()
	s.Meta.AppURL = "https://" + host + "/"
	s.Meta.SenderAddress = "noreply@example.com"
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := inboxtest.NewServer(t, mode)
	logs := &logRecorder{}
	cfg := inbox.Config{
		URL:            srv.URL(inboxtest.Password),
		SupportAddress: "support@example.com",
		TLS:            srv.TLSConfig(),
		Logger:         slog.New(logs),
	}
	if tune != nil {
		tune(&cfg)
	}
	p, err := inbox.NewPoller(app, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	return &desk{t: t, app: app, srv: srv, poller: p, logs: logs}
}

// pass runs one pass and fails the test on a mailbox error.
func (d *desk) pass() []inbox.Result {
	d.t.Helper()
	res, err := d.poller.Pass(context.Background())
	if err != nil {
		d.t.Fatalf("pass: %v", err)
	}
	return res
}

// one delivers raw, runs a pass and returns the one result.
func (d *desk) one(raw string) inbox.Result {
	d.t.Helper()
	uid := d.srv.Deliver("INBOX", raw)
	res := d.pass()
	if len(res) != 1 {
		d.t.Fatalf("%d results, want 1: %v", len(res), res)
	}
	if !d.srv.Seen("INBOX", uid) {
		d.t.Errorf("message not flagged \\Seen after %s", res[0].Outcome)
	}
	return res[0]
}

func (d *desk) ticket(id string) *core.Record {
	d.t.Helper()
	r, err := d.app.FindRecordById(ticket.Collection, id)
	if err != nil {
		d.t.Fatalf("ticket %s: %v", id, err)
	}
	return r
}

func (d *desk) count(collection string, where dbx.Expression) int {
	d.t.Helper()
	n, err := d.app.CountRecords(collection, where)
	if err != nil {
		d.t.Fatal(err)
	}
	return int(n)
}

func (d *desk) row(messageID string) *core.Record {
	d.t.Helper()
	r, err := d.app.FindFirstRecordByData(inbox.Collection, inbox.FieldMessageID, messageID)
	if err != nil {
		d.t.Fatalf("mail_inbox row of %s: %v", messageID, err)
	}
	return r
}

// mailFrom builds a plain-text mail; extra headers come before the body.
func mailFrom(from, id, subject, extra, body string) string {
	return "From: " + from + "\nTo: support@example.com\nSubject: " + subject + "\nMessage-ID: <" + id + ">\nDate: Mon, 1 Dec 2025 10:00:00 +0000\nMIME-Version: 1.0\n" + extra +
		"Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
}

type logRecorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, r)
	return nil
}
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logRecorder) WithGroup(string) slog.Handler      { return l }

func (l *logRecorder) errors(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.records {
		if r.Level == slog.LevelError && r.Message == msg {
			n++
		}
	}
	return n
}

// ---------------------------------------------------------------------

func TestNewSenderOpensTicketAndAccount(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	res := d.one(mailFrom(`"Jane  Q. Doe" <Jane.Doe@Example.org>`, "m1@client.example", "Printer on floor 3 jams", "",
		"The printer jams on every page.\n\nJane"))

	if res.Outcome != inbox.OutcomeTicket || res.Number == 0 {
		t.Fatalf("result %+v, want a new ticket", res)
	}
	tk := d.ticket(res.TicketID)
	if got := tk.GetString(ticket.FieldTitle); got != "Printer on floor 3 jams" {
		t.Errorf("title %q", got)
	}
	if got := tk.GetString(ticket.FieldDescription); got != "The printer jams on every page.\n\nJane" {
		t.Errorf("description %q", got)
	}
	if got := tk.GetString(ticket.FieldTriage); got != ticket.TriagePending {
		t.Errorf("triage %q, want pending (queued as any new ticket)", got)
	}
	u, err := d.app.FindRecordById(user.Collection, tk.GetString(ticket.FieldCreatedBy))
	if err != nil {
		t.Fatal(err)
	}
	if u.Email() != "jane.doe@example.org" || u.GetString(user.FieldName) != "Jane Q. Doe" || u.GetString(user.FieldRole) != user.RoleUser ||
		u.Verified() || !u.GetBool(user.FieldNeedsPassword) {
		t.Errorf("account %s %q role %q verified %v needs_password %v", u.Email(), u.GetString(user.FieldName), u.GetString(user.FieldRole), u.Verified(), u.GetBool(user.FieldNeedsPassword))
	}
	for _, guess := range []string{"", apptest.Password, "password", "jane.doe@example.org"} {
		if u.ValidatePassword(guess) {
			t.Errorf("the new account's password is %q", guess)
		}
	}
	// the receipt (the mails' own) is the first mail such an account
	// gets, with a link to set a password; no welcome
	receipt, err := d.app.FindFirstRecordByFilter(mail.Collection, "to ~ 'jane.doe@example.org' && subject ~ 'We received your ticket'")
	if err != nil {
		t.Fatalf("no receipt queued: %v", err)
	}
	if !strings.Contains(receipt.GetString(mail.FieldText), "/#/reset-password/") {
		t.Errorf("receipt without a set-password link:\n%s", receipt.GetString(mail.FieldText))
	}
	if n := d.count(mail.Collection, dbx.NewExp("[[to]] LIKE {:to} AND subject LIKE 'Welcome%'", dbx.Params{"to": "%jane.doe@example.org%"})); n != 0 {
		t.Errorf("%d welcome mails queued for an account made from a mail", n)
	}
	row := d.row("m1@client.example")
	if row.GetString(inbox.FieldOutcome) != inbox.OutcomeTicket || row.GetString(inbox.FieldTicket) != tk.Id ||
		row.GetString(inbox.FieldFrom) != "jane.doe@example.org" || row.GetString(inbox.FieldSubject) != "Printer on floor 3 jams" ||
		row.GetDateTime(inbox.FieldReceived).IsZero() {
		t.Errorf("mail_inbox row %v", row.PublicExport())
	}
}

// A display name that reads as a link is not a valid name: the account
// gets one from the address.
func TestLinkLikeDisplayName(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	res := d.one(mailFrom(`"jane.doe@example.org" <jane.doe@example.org>`, "ln@x", "Hello", "", "Hi."))
	if res.Outcome != inbox.OutcomeTicket {
		t.Fatalf("%+v", res)
	}
	u, err := d.app.FindRecordById(user.Collection, d.ticket(res.TicketID).GetString(ticket.FieldCreatedBy))
	if err != nil {
		t.Fatal(err)
	}
	if got := u.GetString(user.FieldName); got != "jane doe" {
		t.Errorf("name %q", got)
	}
}

func TestKnownSenderOpensTicketAsThemselves(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	jane := apptest.CreateUser(t, d.app, "jane@example.com", "Jane Known", user.RoleUser)
	users := d.count(user.Collection, nil)
	res := d.one(mailFrom("JANE@example.com", "m2@x", "VPN drops", "", "Every hour."))
	if res.Outcome != inbox.OutcomeTicket {
		t.Fatalf("%+v", res)
	}
	if got := d.ticket(res.TicketID).GetString(ticket.FieldCreatedBy); got != jane.Id {
		t.Errorf("created_by %s, want the existing account %s", got, jane.Id)
	}
	if n := d.count(user.Collection, nil); n != users {
		t.Errorf("%d accounts, want %d: none opened", n, users)
	}
}

func TestReplies(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	jane := apptest.CreateUser(t, d.app, "jane@example.com", "Jane Known", user.RoleUser)
	mod := apptest.CreateUser(t, d.app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	admin := apptest.CreateUser(t, d.app, "admin@example.com", "Ada Admin", user.RoleAdmin)
	tk := apptest.CreateTicket(t, d.app, jane, "Printer jams", map[string]any{ticket.FieldAssignedTo: mod.Id})
	num := tk.GetInt(ticket.FieldNumber)
	quoted := "It works now, thanks!\n\n-- \nJane Doe\nACME\n\nOn Mon, 1 Dec 2025 at 10:00, Helpdesk <support@example.com> wrote:\n> We restarted the spooler.\n> Does it work?\n"

	tests := []struct {
		name, from, subject, extra string
		author                     string
	}{
		{"by subject", "jane@example.com", fmt.Sprintf("Re: [#%d] Printer jams", num), "", jane.Id},
		{"by In-Reply-To", "jane@example.com", "Re: Printer jams", fmt.Sprintf("In-Reply-To: <hd.%d.abc123@%s>\n", num, host), jane.Id},
		{"by References", "jane@example.com", "Re: your mail", fmt.Sprintf("References: <other@elsewhere> <hd.%d@%s>\n", num, host), jane.Id},
		{"by the assigned moderator", "mod@example.com", fmt.Sprintf("Re: [#%d] Printer jams", num), "", mod.Id},
		{"by an admin", "admin@example.com", fmt.Sprintf("RE: [#%d] Printer jams", num), "", admin.Id},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := fmt.Sprintf("reply%d@x", i)
			res := d.one(mailFrom(tt.from, id, tt.subject, tt.extra, quoted))
			if res.Outcome != inbox.OutcomeComment || res.TicketID != tk.Id || res.Number != num {
				t.Fatalf("%+v, want a comment on #%d", res, num)
			}
			c, err := d.app.FindFirstRecordByFilter(comment.Collection, "ticket = {:t} && author = {:a}", dbx.Params{"t": tk.Id, "a": tt.author})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.GetString(comment.FieldBody); got != "It works now, thanks!" {
				t.Errorf("body %q, want the reply without quote and signature", got)
			}
			if c.GetBool(comment.FieldInternal) || c.GetString(comment.FieldSource) != comment.SourceEmail {
				t.Errorf("internal %v source %q, want a public reply from email", c.GetBool(comment.FieldInternal), c.GetString(comment.FieldSource))
			}
			if err := d.app.Delete(c); err != nil {
				t.Fatal(err)
			}
		})
	}

	// a message id of another host is not ours, even shaped like ours
	res := d.one(mailFrom("jane@example.com", "foreign@x", "Another problem", fmt.Sprintf("In-Reply-To: <hd.%d.x@evil.example>\n", num), "New thing."))
	if res.Outcome != inbox.OutcomeTicket {
		t.Errorf("reply to a foreign hd. id: %+v, want a new ticket", res)
	}
}

func TestStrangerWithSomeonesTicketNumberGetsOwnTicket(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	jane := apptest.CreateUser(t, d.app, "jane@example.com", "Jane Known", user.RoleUser)
	other := apptest.CreateUser(t, d.app, "other@example.com", "Otto Other", user.RoleUser)
	unassigned := apptest.CreateUser(t, d.app, "mod2@example.com", "Mia Moderator", user.RoleModerator)
	tk := apptest.CreateTicket(t, d.app, jane, "Printer jams", nil)
	num := tk.GetInt(ticket.FieldNumber)

	for i, from := range []string{"other@example.com", "mod2@example.com", "mallory@evil.example"} {
		res := d.one(mailFrom(from, fmt.Sprintf("s%d@x", i), fmt.Sprintf("Re: [#%d] Printer jams", num),
			fmt.Sprintf("In-Reply-To: <hd.%d.x@%s>\n", num, host), "Let me in."))
		if res.Outcome != inbox.OutcomeTicket || res.TicketID == tk.Id {
			t.Fatalf("%s: %+v, want a new ticket of their own", from, res)
		}
		nt := d.ticket(res.TicketID)
		creator := nt.GetString(ticket.FieldCreatedBy)
		if creator == jane.Id || (from == "other@example.com" && creator != other.Id) || (from == "mod2@example.com" && creator != unassigned.Id) {
			t.Errorf("%s: new ticket by %s", from, creator)
		}
		if got := nt.GetString(ticket.FieldTitle); got != "Printer jams" {
			t.Errorf("%s: title %q, want the subject without the tag and prefix", from, got)
		}
		if !strings.Contains(res.Reason, "may not comment") {
			t.Errorf("%s: reason %q", from, res.Reason)
		}
	}
	if n := d.count(comment.Collection, dbx.HashExp{comment.FieldTicket: tk.Id}); n != 0 {
		t.Errorf("%d comments on Jane's ticket, want none", n)
	}
}

func TestIgnored(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, func(c *inbox.Config) { c.TicketsPerSenderPerHour = 2 })
	tests := []struct{ name, raw, reason string }{
		{"auto-reply", mailFrom("jane@example.com", "i1@x", "Out of office", "Auto-Submitted: auto-replied\n", "Back Monday."), "auto-reply"},
		{"X-Autoreply", mailFrom("jane@example.com", "i2@x", "Away", "X-Autoreply: yes\n", "Away."), "auto-reply"},
		{"bulk", mailFrom("news@example.com", "i3@x", "Newsletter", "Precedence: bulk\n", "News."), "auto-reply"},
		{"null sender", "Return-Path: <>\n" + mailFrom("someone@example.com", "i4@x", "Delivery failed", "", "Gone."), "bounce"},
		{"mailer-daemon", mailFrom("MAILER-DAEMON@mx.example.com", "i5@x", "Undeliverable", "", "Failed."), "bounce"},
		{"report", "From: postmaster@mx.example.com\nSubject: Delivery Status Notification\nMessage-ID: <i6@x>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nFailed.\n--B--\n", "bounce"},
		{"own address", mailFrom("Support@Example.com", "i7@x", "Re: [#1] x", "", "Loop."), "loop"},
		{"sender address", mailFrom("noreply@example.com", "i8@x", "Welcome", "", "Loop."), "loop"},
		{"desk message id", mailFrom("jane@example.com", "hd.1.zz@"+host, "Ticket", "", "Loop."), "loop"},
		{"auto-submitted no is a person", mailFrom("jane@example.com", "i9@x", "Hello there", "Auto-Submitted: no\n", "Hi."), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tickets := d.count(ticket.Collection, nil)
			res := d.one(tt.raw)
			if tt.reason == "" {
				if res.Outcome != inbox.OutcomeTicket {
					t.Fatalf("%+v, want a ticket", res)
				}
				return
			}
			if res.Outcome != inbox.OutcomeIgnored || !strings.HasPrefix(res.Reason, tt.reason) {
				t.Errorf("%+v, want ignored for %s", res, tt.reason)
			}
			if n := d.count(ticket.Collection, nil); n != tickets {
				t.Errorf("%d tickets, want %d", n, tickets)
			}
		})
	}

	t.Run("hourly limit per sender", func(t *testing.T) {
		var outcomes []string
		for i := range 4 {
			res := d.one(mailFrom("flood@example.com", fmt.Sprintf("f%d@x", i), fmt.Sprintf("Problem %d", i), "", "Help."))
			outcomes = append(outcomes, res.Outcome)
		}
		want := []string{inbox.OutcomeTicket, inbox.OutcomeTicket, inbox.OutcomeIgnored, inbox.OutcomeIgnored}
		if fmt.Sprint(outcomes) != fmt.Sprint(want) {
			t.Errorf("outcomes %v, want %v", outcomes, want)
		}
	})
}

func TestRefusedOverSizeLimit(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, func(c *inbox.Config) { c.MaxSize = 2000 })
	res := d.one(mailFrom("jane@example.com", "big@x", "Huge log", "", strings.Repeat("log line\n", 500)))
	if res.Outcome != inbox.OutcomeRefused || !strings.Contains(res.Reason, "too large") {
		t.Fatalf("%+v, want refused", res)
	}
	if n := d.count(ticket.Collection, nil); n != 0 {
		t.Errorf("%d tickets", n)
	}
	if d.row("big@x").GetString(inbox.FieldOutcome) != inbox.OutcomeRefused {
		t.Error("no refused row")
	}
}

func TestContent(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	png := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 100)
	b64 := base64.StdEncoding.EncodeToString(png)
	tests := []struct {
		name, raw, title, desc string
		files                  int
		reason                 string
	}{
		{"HTML only", "From: jane@example.com\nSubject: Screen is black\nMessage-ID: <h1@x>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n" +
			`<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>My <b>screen</b> is black &amp; silent.</p><ul><li>Laptop</li><li>Dock</li></ul><p><a href="https://status.example.com">status</a></p></body></html>`,
			"Screen is black", "My screen is black & silent.\n\n- Laptop\n- Dock\n\nstatus (https://status.example.com)", 0, ""},
		{"ISO-8859-1", "From: =?ISO-8859-1?Q?Ren=E9_M=FCller?= <rene@example.com>\nSubject: =?ISO-8859-1?Q?Probl=E8me_d'acc=E8s?=\nMessage-ID: <l1@x>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nJe n'ai pas acc=E8s =E0 l'=E9cran.\n",
			"Problème d'accès", "Je n'ai pas accès à l'écran.", 0, ""},
		{"Windows-1252", "From: jane@example.com\nSubject: =?windows-1252?B?k1F1b3RlZJQgcHJpY2Ugll8gMTAwgA==?=\nMessage-ID: <w1@x>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n\x93Smart quotes\x94 cost \x80100 \x96 why?\n",
			"“Quoted” price –_ 100€", "“Smart quotes” cost €100 – why?", 0, ""},
		{"UTF-8 encoded-word subject", "From: jane@example.com\nSubject: =?UTF-8?B?w4ljcmFuIG5vaXIg8J+Ytw==?=\nMessage-ID: <u1@x>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nRien.\n",
			"Écran noir 😷", "Rien.", 0, ""},
		{"undeclared 8-bit", "From: jane@example.com\nSubject: Caf\xe9\nMessage-ID: <n1@x>\n\nCaf\xe9 cr\xe8me\n",
			"Café", "Café crème", 0, ""},
		{"attachments", "From: jane@example.com\nSubject: Screenshot\nMessage-ID: <a1@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nSee attached.\n--B\nContent-Type: image/png; name=\"screen.png\"\nContent-Disposition: attachment; filename=\"screen.png\"\nContent-Transfer-Encoding: base64\n\n" + b64 + "\n--B\nContent-Type: text/plain; name=\"log.txt\"\nContent-Disposition: attachment; filename=\"log.txt\"\n\nerror 42\n--B--\n",
			"Screenshot", "See attached.", 2, ""},
		{"too many attachments", "From: jane@example.com\nSubject: Many files\nMessage-ID: <a2@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nSix files.\n" +
			strings.Repeat("--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"f.bin\"\nContent-Transfer-Encoding: base64\n\n"+b64+"\n", 6) + "--B--\n",
			"Many files", "Six files.", 5, "attachments dropped: f.bin (more than 5 files)"},
		{"no subject", "From: jane@example.com\nMessage-ID: <e1@x>\n\nThe badge reader at door 2 is dead.\nSince today.\n",
			"The badge reader at door 2 is dead.", "The badge reader at door 2 is dead.\nSince today.", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := d.one(tt.raw)
			if res.Outcome != inbox.OutcomeTicket {
				t.Fatalf("%+v", res)
			}
			tk := d.ticket(res.TicketID)
			if got := tk.GetString(ticket.FieldTitle); got != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
			if got := tk.GetString(ticket.FieldDescription); got != tt.desc {
				t.Errorf("description %q, want %q", got, tt.desc)
			}
			if got := len(tk.GetStringSlice(ticket.FieldAttachments)); got != tt.files {
				t.Errorf("%d attachments, want %d", got, tt.files)
			}
			if res.Reason != tt.reason {
				t.Errorf("reason %q, want %q", res.Reason, tt.reason)
			}
		})
	}
}

// A crash between the commit and the \Seen flag leaves a committed ticket
// and an unseen message: the next pass recognises it and applies nothing.
func TestCrashBetweenCommitAndFlag(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, nil)
	raw := mailFrom("jane@example.com", "crash@x", "Printer jams", "", "Help.")
	uid := d.srv.Deliver("INBOX", raw)
	// what the pass does before flagging, then the "crash"
	first := inbox.NewHandler(d.app, inbox.Config{SupportAddress: "support@example.com"}).Handle([]byte(strings.ReplaceAll(raw, "\n", "\r\n")), time.Now())
	if first.Outcome != inbox.OutcomeTicket {
		t.Fatalf("%+v", first)
	}
	if d.srv.Seen("INBOX", uid) {
		t.Fatal("the message is seen before the pass")
	}

	res := d.pass()
	if len(res) != 1 || !res[0].Repeat || res[0].Outcome != inbox.OutcomeTicket || res[0].TicketID != first.TicketID {
		t.Fatalf("%+v, want the earlier ticket recognised", res)
	}
	if n := d.count(ticket.Collection, nil); n != 1 {
		t.Errorf("%d tickets, want 1", n)
	}
	if !d.srv.Seen("INBOX", uid) {
		t.Error("the message is still unseen")
	}
	// marked unread again by a person: still not doubled
	d.srv.Unflag("INBOX", uid)
	d.pass()
	if n := d.count(ticket.Collection, nil); n != 1 {
		t.Errorf("%d tickets after a second reading, want 1", n)
	}
}

func TestMailboxTrouble(t *testing.T) {
	t.Run("server down then up", func(t *testing.T) {
		d := newDesk(t, inboxtest.Plain, nil)
		d.srv.Down()
		for range 3 {
			if _, err := d.poller.Pass(context.Background()); err == nil {
				t.Fatal("a pass against a stopped server succeeded")
			}
		}
		if got := d.poller.State(); got != "connection" {
			t.Errorf("state %q", got)
		}
		if n := d.logs.errors("IMAP mailbox unavailable; mail waits there until it can be read"); n != 1 {
			t.Errorf("%d error logs for one outage, want 1", n)
		}
		d.srv.Up()
		uid := d.srv.Deliver("INBOX", mailFrom("jane@example.com", "late@x", "Waited", "", "Still here."))
		res := d.pass()
		if len(res) != 1 || res[0].Outcome != inbox.OutcomeTicket || !d.srv.Seen("INBOX", uid) {
			t.Fatalf("after the outage: %+v", res)
		}
		if got := d.poller.State(); got != "ok" {
			t.Errorf("state %q", got)
		}
		// a session cut under the poller is noticed and replaced
		d.srv.Down()
		d.srv.Up()
		d.srv.Deliver("INBOX", mailFrom("jane@example.com", "later@x", "Again", "", "Still here."))
		if res := d.pass(); len(res) != 1 || res[0].Outcome != inbox.OutcomeTicket {
			t.Fatalf("after a cut session: %+v", res)
		}
	})

	t.Run("wrong password", func(t *testing.T) {
		d := newDesk(t, inboxtest.Plain, func(c *inbox.Config) { c.URL = strings.Replace(c.URL, inboxtest.Password, "wrong", 1) })
		uid := d.srv.Deliver("INBOX", mailFrom("jane@example.com", "wp@x", "Hello", "", "Hi."))
		for range 3 {
			_, err := d.poller.Pass(context.Background())
			if err == nil || !strings.Contains(err.Error(), "refused the login") {
				t.Fatalf("err %v, want the login refused", err)
			}
		}
		if got := d.poller.State(); got != "login" {
			t.Errorf("state %q", got)
		}
		if n := d.logs.errors("IMAP mailbox unavailable; mail waits there until it can be read"); n != 1 {
			t.Errorf("%d error logs, want 1", n)
		}
		if d.srv.Seen("INBOX", uid) {
			t.Error("message touched")
		}
	})
}

func TestTLS(t *testing.T) {
	for _, mode := range []inboxtest.Mode{inboxtest.TLS, inboxtest.StartTLS} {
		d := newDesk(t, mode, nil)
		if res := d.one(mailFrom("jane@example.com", fmt.Sprintf("tls%d@x", mode), "Over TLS", "", "Hi.")); res.Outcome != inbox.OutcomeTicket {
			t.Errorf("mode %d: %+v", mode, res)
		}
	}
	// without the test roots the certificate is refused
	d := newDesk(t, inboxtest.TLS, func(c *inbox.Config) { c.TLS = nil })
	if _, err := d.poller.Pass(context.Background()); err == nil || d.poller.State() != "TLS" {
		t.Errorf("untrusted certificate: err %v, state %q", err, d.poller.State())
	}
}

func TestMoveTo(t *testing.T) {
	d := newDesk(t, inboxtest.Plain, func(c *inbox.Config) { c.MoveTo = "Handled" })
	d.srv.Deliver("INBOX", mailFrom("jane@example.com", "mv@x", "Move me", "", "Hi."))
	if res := d.pass(); len(res) != 1 || res[0].Outcome != inbox.OutcomeTicket {
		t.Fatalf("%+v", res)
	}
	if n := len(d.srv.Flags("INBOX")); n != 0 {
		t.Errorf("%d messages left in INBOX", n)
	}
	moved := d.srv.Flags("Handled")
	if len(moved) != 1 {
		t.Fatalf("%d messages in Handled", len(moved))
	}
	for uid := range moved {
		if !d.srv.Seen("Handled", uid) {
			t.Error("moved message is not seen")
		}
	}
}

// With IDLE a message becomes a ticket without waiting for the poll
// interval (an hour here).
func TestIdleWakesThePoller(t *testing.T) {
	app, svc := apptest.New(t, hooks.Config{Manual: true})
	srv := inboxtest.NewServer(t, inboxtest.Plain)
	p, err := inbox.NewPoller(app, inbox.Config{URL: srv.URL(inboxtest.Password), Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	_ = svc
	t.Cleanup(p.Stop)
	p.Start()
	waitFor(t, "the first pass", func() bool { return p.State() == "ok" })
	srv.Deliver("INBOX", mailFrom("jane@example.com", "idle@x", "Arrives by IDLE", "", "Hi."))
	waitFor(t, "the ticket", func() bool {
		n, _ := app.CountRecords(ticket.Collection, dbx.HashExp{ticket.FieldTitle: "Arrives by IDLE"})
		return n == 1
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
