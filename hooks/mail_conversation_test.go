package hooks_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// The conversation's mails: receipt, replies both ways, resolved, and the
// assignment mail, through the outbox to the real SMTP test server.

const supportAddress = "support@example.com"

// newConversationApp is newMailApp with a support address.
func newConversationApp(t testing.TB) (*tests.TestApp, *mailtest.Server) {
	t.Helper()
	return newMailAppWith(t, notify.Config{SupportAddress: supportAddress})
}

// api sends requests to one app through PocketBase's real router, built
// once (building it runs the serve hooks, which bind routes).
type api struct{ mux http.Handler }

func newAPI(t testing.TB, app *tests.TestApp) api {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var a api
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		a.mux = mux
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// do sends one request as who and checks its status.
func (a api) do(t testing.TB, who *core.Record, method, url, body string, status int) {
	t.Helper()
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", apptest.Token(t, who))
	rec := httptest.NewRecorder()
	a.mux.ServeHTTP(rec, req)
	if rec.Code != status {
		t.Fatalf("%s %s: status %d, want %d: %.500s", method, url, rec.Code, status, rec.Body)
	}
}

// ticketMailsTo lists the subjects of the outbox's ticket mails (subject
// "[#...") to addr, oldest first. The outbox is where every mail is
// written in the transaction of its cause, so what it lacks right after a
// write will never be sent.
func ticketMailsTo(t testing.TB, app core.App, addr string) []string {
	t.Helper()
	rows, err := app.FindRecordsByFilter(mail.Collection, "subject ~ '[#%' && to ~ {:to}", "created,id", 0, 0, dbx.Params{"to": "<" + addr + ">"})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.GetString(mail.FieldSubject))
	}
	return out
}

func expectTicketMails(t testing.TB, app core.App, addr string, want ...string) {
	t.Helper()
	got := ticketMailsTo(t, app, addr)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("ticket mails to %s:\n  %q\nwant\n  %q", addr, got, want)
	}
}

// receivedBy waits for the one message to addr whose subject starts with
// prefix.
func receivedBy(t testing.TB, server *mailtest.Server, addr, prefix string) mailtest.Parsed {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var found []mailtest.Parsed
		for _, m := range server.Messages() {
			if len(m.To) != 1 || m.To[0] != addr {
				continue
			}
			if p := m.Parse(t); strings.HasPrefix(p.Subject, prefix) {
				found = append(found, p)
			}
		}
		if len(found) > 1 {
			t.Fatalf("%d messages to %s with subject %q, want one", len(found), addr, prefix)
		}
		if len(found) == 1 {
			return found[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no message to %s with subject %q arrived", addr, prefix)
	return mailtest.Parsed{}
}

var messageID = regexp.MustCompile(`^<hd\.1\.[a-z0-9]{16}@help\.example\.com>$`)

func TestMailConversation(t *testing.T) {
	app, server := newConversationApp(t)
	api := newAPI(t, app)
	requester := apptest.CreateUser(t, app, "req@example.com", "Rita Requester", user.RoleUser)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	admin := apptest.CreateUser(t, app, "admin@example.com", "Ada Admin", user.RoleAdmin)

	// the title carries markup and a right-to-left override: escaped in
	// the HTML, and the override gone from every header
	const title = "VPN <b>down</b> \u202eexe.pdf"
	const cleanTitle = "VPN <b>down</b> exe.pdf"
	api.do(t, requester, http.MethodPost, "/api/collections/tickets/records",
		`{"title":"VPN <b>down</b> \u202eexe.pdf","description":"Since **Monday**.\n\n<script>alert('desc')</script>"}`, http.StatusOK)
	tk, err := app.FindFirstRecordByData(ticket.Collection, ticket.FieldTitle, title)
	if err != nil {
		t.Fatal(err)
	}
	if tk.GetInt(ticket.FieldNumber) != 1 {
		t.Fatalf("ticket number %d, want 1", tk.GetInt(ticket.FieldNumber))
	}
	link := mailAppURL + "/#/tickets/" + tk.Id
	root := "<hd.1@help.example.com>"

	receipt := receivedBy(t, server, "req@example.com", "[#1]")
	checkAlternative(t, receipt)
	if receipt.Subject != "[#1] We received your ticket: "+cleanTitle {
		t.Errorf("receipt subject = %q", receipt.Subject)
	}
	if got := receipt.Header.Get("Message-ID"); got != root {
		t.Errorf("receipt Message-ID = %q, want the thread's root %q", got, root)
	}
	if got := receipt.Header.Get("In-Reply-To") + receipt.Header.Get("References"); got != "" {
		t.Errorf("the receipt starts the thread but refers to %q", got)
	}
	for _, want := range []string{"#1", "VPN &lt;b&gt;down&lt;/b&gt;", "<strong>Monday</strong>", `href="` + link + `"`} {
		if !strings.Contains(receipt.HTML, want) {
			t.Errorf("receipt HTML lacks %q:\n%s", want, receipt.HTML)
		}
	}
	if strings.Contains(receipt.HTML, "<script") || strings.Contains(receipt.HTML, "alert('desc')") || strings.Contains(receipt.HTML, "<b>down") {
		t.Errorf("receipt HTML carries the ticket's markup:\n%s", receipt.HTML)
	}
	if !strings.Contains(receipt.Text, "Since **Monday**.") || !strings.Contains(receipt.Text, link) || strings.Contains(receipt.Text, "reset-password") {
		t.Errorf("receipt text:\n%s", receipt.Text)
	}

	// the admin assigns it to the moderator
	api.do(t, admin, http.MethodPatch, "/api/collections/tickets/records/"+tk.Id, `{"assigned_to":"`+mod.Id+`"}`, http.StatusOK)
	assigned := receivedBy(t, server, "mod@example.com", "[#1]")
	if assigned.Subject != "[#1] New ticket assigned: "+cleanTitle {
		t.Errorf("assignment subject = %q", assigned.Subject)
	}

	// the moderator answers in public, in Markdown with markup in it
	reply := "Please **restart** the client.\n\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n<div onclick=\"steal()\">raw</div>"
	api.do(t, mod, http.MethodPost, "/api/collections/comments/records",
		jsonObject(t, map[string]any{"ticket": tk.Id, "author": mod.Id, "body": reply, "source": comment.SourceWeb}), http.StatusOK)
	staffReply := receivedBy(t, server, "req@example.com", "[#1] New reply")
	checkAlternative(t, staffReply)
	if staffReply.Subject != "[#1] New reply: "+cleanTitle {
		t.Errorf("reply subject = %q", staffReply.Subject)
	}
	if !strings.Contains(staffReply.HTML, "<strong>restart</strong>") || !strings.Contains(staffReply.HTML, "Mo Moderator") {
		t.Errorf("reply HTML lacks the rendered reply or its author:\n%s", staffReply.HTML)
	}
	for _, bad := range []string{"<script", "alert(", "<img", "onerror", "onclick", "<div onclick"} {
		if strings.Contains(staffReply.HTML, bad) {
			t.Errorf("reply HTML has %q:\n%s", bad, staffReply.HTML)
		}
	}
	if !strings.Contains(staffReply.Text, "Please **restart** the client.") || !strings.Contains(staffReply.Text, "replying to this mail") {
		t.Errorf("reply text:\n%s", staffReply.Text)
	}

	// an internal note: nobody outside staff hears of it
	const note = "SECRET-NOTE: the requester's VPN licence lapsed"
	api.do(t, mod, http.MethodPost, "/api/collections/comments/records",
		jsonObject(t, map[string]any{"ticket": tk.Id, "author": mod.Id, "body": note, "internal": true, "source": comment.SourceWeb}), http.StatusOK)

	// the requester answers: the assignee is told, the requester gets no copy
	api.do(t, requester, http.MethodPost, "/api/collections/comments/records",
		jsonObject(t, map[string]any{"ticket": tk.Id, "author": requester.Id, "body": "Restarted, _still_ down.", "source": comment.SourceWeb}), http.StatusOK)
	requesterReply := receivedBy(t, server, "mod@example.com", "[#1] New reply")
	if !strings.Contains(requesterReply.HTML, "<em>still</em>") || !strings.Contains(requesterReply.Text, "Rita Requester, who opened ticket #1") {
		t.Errorf("requester's reply:\nHTML %s\ntext %s", requesterReply.HTML, requesterReply.Text)
	}

	// the assignee sets it done: the requester is told, the assignee not
	api.do(t, mod, http.MethodPatch, "/api/collections/tickets/records/"+tk.Id, `{"status":"done"}`, http.StatusOK)
	resolved := receivedBy(t, server, "req@example.com", "[#1] Resolved")
	if resolved.Subject != "[#1] Resolved: "+cleanTitle || !strings.Contains(resolved.Text, link) {
		t.Errorf("resolved: subject %q, text:\n%s", resolved.Subject, resolved.Text)
	}

	// who got what, in the outbox (complete: nothing is mailed later)
	expectTicketMails(t, app, "req@example.com",
		"[#1] We received your ticket: "+cleanTitle, "[#1] New reply: "+cleanTitle, "[#1] Resolved: "+cleanTitle)
	expectTicketMails(t, app, "mod@example.com",
		"[#1] New ticket assigned: "+cleanTitle, "[#1] New reply: "+cleanTitle)
	expectTicketMails(t, app, "admin@example.com")
	if n, err := app.CountRecords(mail.Collection, dbx.Or(dbx.Like(mail.FieldText, "SECRET-NOTE"), dbx.Like(mail.FieldHTML, "SECRET-NOTE"))); err != nil || n != 0 {
		t.Fatalf("the internal note is in %d mail(s) (%v)", n, err)
	}

	// one thread: every later mail names the root, each has its own id,
	// and a reply goes back to the support address
	seen := map[string]bool{root: true}
	for _, p := range []mailtest.Parsed{assigned, staffReply, requesterReply, resolved} {
		id := p.Header.Get("Message-ID")
		if !messageID.MatchString(id) || seen[id] {
			t.Errorf("%s: Message-ID %q is not a fresh id of thread 1", p.Subject, id)
		}
		seen[id] = true
		if p.Header.Get("In-Reply-To") != root || p.Header.Get("References") != root {
			t.Errorf("%s: In-Reply-To %q, References %q; want %s", p.Subject, p.Header.Get("In-Reply-To"), p.Header.Get("References"), root)
		}
	}
	for _, p := range []mailtest.Parsed{receipt, assigned, staffReply, requesterReply, resolved} {
		if got := p.Header.Get("Reply-To"); got != `"Helpdesk Test" <support@example.com>` {
			t.Errorf("%s: Reply-To = %q", p.Subject, got)
		}
		if got := p.Header.Get("Auto-Submitted"); got != "auto-generated" {
			t.Errorf("%s: Auto-Submitted = %q", p.Subject, got)
		}
		if strings.ContainsRune(p.Subject, '\u202e') {
			t.Errorf("%s: the subject keeps the bidi override", p.Subject)
		}
	}
}

// jsonObject is v as a JSON request body.
func jsonObject(t testing.TB, v map[string]any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// addComment saves a comment at model level, as email in does.
func addComment(t testing.TB, app core.App, tk, author *core.Record, body string, internal bool, source string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(comment.Collection)
	if err != nil {
		t.Fatal(err)
	}
	c := core.NewRecord(col)
	c.Set(comment.FieldTicket, tk.Id)
	c.Set(comment.FieldAuthor, author.Id)
	c.Set(comment.FieldBody, body)
	c.Set(comment.FieldInternal, internal)
	c.Set(comment.FieldSource, source)
	if err := app.Save(c); err != nil {
		t.Fatalf("add comment: %v", err)
	}
	return c
}

// setStatus saves a ticket's status at model level, noting who did it as
// the request hooks do.
func setStatus(t testing.TB, app core.App, tk *core.Record, status, actor string) {
	t.Helper()
	fresh, err := app.FindRecordById(ticket.Collection, tk.Id)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Set(ticket.FieldStatus, status)
	history.SetActor(fresh, actor)
	if err := app.Save(fresh); err != nil {
		t.Fatal(err)
	}
}

func TestMailMutedUsersGetOnlyWelcomeAndSecurityMails(t *testing.T) {
	app, server := newConversationApp(t)
	api := newAPI(t, app)
	requester := apptest.CreateUser(t, app, "req@example.com", "Rita Requester", user.RoleUser)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	for _, u := range []*core.Record{requester, mod} {
		u.Set(user.FieldMuteNotifications, true)
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	}

	tk := apptest.CreateTicket(t, app, requester, "Muted ticket", map[string]any{ticket.FieldAssignedTo: mod.Id})
	addComment(t, app, tk, mod, "A public answer", false, comment.SourceWeb)
	addComment(t, app, tk, requester, "A requester's answer", false, comment.SourceEmail)
	setStatus(t, app, tk, ticket.StatusDone, mod.Id)
	expectTicketMails(t, app, "req@example.com")
	expectTicketMails(t, app, "mod@example.com")

	// the welcome and PocketBase's security mails ignore the switch
	receivedBy(t, server, "req@example.com", "Welcome")
	api.do(t, requester, http.MethodPost, "/api/collections/users/request-password-reset", `{"email":"req@example.com"}`, http.StatusNoContent)
	receivedBy(t, server, "req@example.com", "Reset your")

	// the requester turns the mails back on themselves: the next reply
	// reaches them
	api.do(t, requester, http.MethodPatch, "/api/collections/users/records/"+requester.Id, `{"mute_notifications":false}`, http.StatusOK)
	addComment(t, app, tk, mod, "Another answer", false, comment.SourceWeb)
	expectTicketMails(t, app, "req@example.com", "[#1] New reply: Muted ticket")
}

func TestMailNoneForOnesOwnAction(t *testing.T) {
	app := newMailAppOutboxOnly(t)
	api := newAPI(t, app)
	requester := apptest.CreateUser(t, app, "req@example.com", "Rita Requester", user.RoleUser)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	other := apptest.CreateUser(t, app, "other@example.com", "Otto Moderator", user.RoleModerator)
	admin := apptest.CreateUser(t, app, "admin@example.com", "Ada Admin", user.RoleAdmin)

	// the receipt is the exception: the creator gets it
	tk := apptest.CreateTicket(t, app, requester, "Own actions", nil)
	expectTicketMails(t, app, "req@example.com", "[#1] We received your ticket: Own actions")

	// an admin who takes a ticket, or a moderator the routing hands it to
	// on their own request, is not told they took it
	api.do(t, admin, http.MethodPatch, "/api/collections/tickets/records/"+tk.Id, `{"assigned_to":"`+admin.Id+`"}`, http.StatusOK)
	expectTicketMails(t, app, "admin@example.com")
	fresh, err := app.FindRecordById(ticket.Collection, tk.Id)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Set(ticket.FieldAssignedTo, mod.Id)
	history.SetActor(fresh, mod.Id)
	if err := app.Save(fresh); err != nil {
		t.Fatal(err)
	}
	expectTicketMails(t, app, "mod@example.com")

	// nobody gets a copy of their own reply
	addComment(t, app, tk, requester, "My own words", false, comment.SourceWeb)
	expectTicketMails(t, app, "req@example.com", "[#1] We received your ticket: Own actions")
	expectTicketMails(t, app, "mod@example.com", "[#1] New reply: Own actions")
	addComment(t, app, tk, mod, "Mine too", false, comment.SourceWeb)
	expectTicketMails(t, app, "mod@example.com", "[#1] New reply: Own actions")

	// the requester who closes their own ticket is not told it is closed
	api.do(t, requester, http.MethodPatch, "/api/collections/tickets/records/"+tk.Id, `{"status":"done"}`, http.StatusOK)
	expectTicketMails(t, app, "req@example.com", "[#1] We received your ticket: Own actions", "[#1] New reply: Own actions")

	// a staff member's own ticket: the receipt, then a reply by the
	// assignee goes to them, and their reply to nobody but the assignee
	own := apptest.CreateTicket(t, app, other, "Staff's own", map[string]any{ticket.FieldAssignedTo: mod.Id})
	addComment(t, app, own, other, "Any news?", false, comment.SourceWeb)
	addComment(t, app, own, mod, "Fixed.", false, comment.SourceWeb)
	expectTicketMails(t, app, "other@example.com", "[#2] We received your ticket: Staff's own", "[#2] New reply: Staff's own")

	// the system (triage, a timer) acts for nobody: its done is mailed
	setStatus(t, app, own, ticket.StatusDone, "")
	expectTicketMails(t, app, "other@example.com", "[#2] We received your ticket: Staff's own", "[#2] New reply: Staff's own", "[#2] Resolved: Staff's own")
	// saving it done again is no new resolution
	setStatus(t, app, own, ticket.StatusDone, "")
	expectTicketMails(t, app, "other@example.com", "[#2] We received your ticket: Staff's own", "[#2] New reply: Staff's own", "[#2] Resolved: Staff's own")
}

// newMailAppOutboxOnly is a test app whose mails stay in the outbox (no
// sender runs): for tests about who is mailed, which the outbox tells.
func newMailAppOutboxOnly(t testing.TB) *tests.TestApp {
	t.Helper()
	app, _ := apptest.New(t, hooks.Config{Manual: true})
	settings, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	settings.Meta.AppURL = mailAppURL
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestMailRolledBackWritesTakeTheirMails(t *testing.T) {
	app := newMailAppOutboxOnly(t)
	requester := apptest.CreateUser(t, app, "req@example.com", "Rita Requester", user.RoleUser)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	tk := apptest.CreateTicket(t, app, requester, "Kept", map[string]any{ticket.FieldAssignedTo: mod.Id})
	before := ticketMailsTo(t, app, "req@example.com")

	abort := errors.New("abort")
	for name, write := range map[string]func(txApp core.App){
		"ticket":         func(txApp core.App) { apptest.CreateTicket(t, txApp, requester, "Gone", nil) },
		"staff reply":    func(txApp core.App) { addComment(t, txApp, tk, mod, "Gone reply", false, comment.SourceWeb) },
		"requester mail": func(txApp core.App) { addComment(t, txApp, tk, requester, "Gone answer", false, comment.SourceEmail) },
		"done":           func(txApp core.App) { setStatus(t, txApp, tk, ticket.StatusDone, mod.Id) },
	} {
		err := app.RunInTransaction(func(txApp core.App) error {
			write(txApp)
			return abort
		})
		if !errors.Is(err, abort) {
			t.Fatalf("%s: %v", name, err)
		}
	}
	expectTicketMails(t, app, "req@example.com", before...)
	expectTicketMails(t, app, "mod@example.com", "[#1] New ticket assigned: Kept")

	// the same writes committed do mail
	addComment(t, app, tk, requester, "Kept answer", false, comment.SourceEmail)
	expectTicketMails(t, app, "mod@example.com", "[#1] New ticket assigned: Kept", "[#1] New reply: Kept")
}

func TestMailReceiptLetsAnAccountFromMailSetItsPassword(t *testing.T) {
	app, server := newConversationApp(t)
	api := newAPI(t, app)
	// an account as email in makes it: no usable password yet
	col, err := app.FindCollectionByNameOrId(user.Collection)
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(col)
	u.SetEmail("writer@example.com")
	u.SetRandomPassword()
	u.Set(user.FieldName, "Wanda Writer")
	u.Set(user.FieldRole, user.RoleUser)
	u.Set(user.FieldNeedsPassword, true)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	tk := apptest.CreateTicket(t, app, u, "Printer jams", nil)

	receipt := receivedBy(t, server, "writer@example.com", "[#1] We received your ticket")
	link := regexp.MustCompile(regexp.QuoteMeta(mailAppURL) + `/#/reset-password/([A-Za-z0-9_.-]+)`).FindStringSubmatch(receipt.Text)
	if link == nil {
		t.Fatalf("the receipt has no set-password link:\n%s", receipt.Text)
	}
	if !strings.Contains(receipt.HTML, `href="`+link[0]+`"`) {
		t.Errorf("the HTML lacks the link %s:\n%s", link[0], receipt.HTML)
	}
	if !strings.Contains(receipt.Text, mailAppURL+"/#/tickets/"+tk.Id) {
		t.Errorf("the receipt lacks the ticket link:\n%s", receipt.Text)
	}

	// PocketBase takes it as a password reset, once
	body := `{"token":"` + link[1] + `","password":"a-new-pass-123","passwordConfirm":"a-new-pass-123"}`
	api.do(t, u, http.MethodPost, "/api/collections/users/confirm-password-reset", body, http.StatusNoContent)
	fresh, err := app.FindRecordById(user.Collection, u.Id)
	if err != nil {
		t.Fatal(err)
	}
	if !fresh.ValidatePassword("a-new-pass-123") {
		t.Fatal("the password was not set")
	}
	api.do(t, u, http.MethodPost, "/api/collections/users/confirm-password-reset", body, http.StatusBadRequest)

	// an account with a password gets no such link
	other := apptest.CreateUser(t, app, "plain@example.com", "Paul Plain", user.RoleUser)
	apptest.CreateTicket(t, app, other, "Scanner jams", nil)
	if p := receivedBy(t, server, "plain@example.com", "[#2]"); strings.Contains(p.Text, "reset-password") || strings.Contains(p.HTML, "reset-password") {
		t.Errorf("a set-password link for an account that has one:\n%s", p.Text)
	}
}
