package hooks_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/cron"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/history"
	"helpdesk/internal/mail"
	"helpdesk/internal/mail/mailtest"
	"helpdesk/internal/sla"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

var slaMail = mail.Config{RetryBase: 5 * time.Millisecond, RetryMax: 20 * time.Millisecond, SweepInterval: 10 * time.Millisecond}

// overdueEvents counts the ticket's overdue events.
func overdueEvents(t testing.TB, app core.App, ticketID string) int {
	t.Helper()
	n, err := app.CountRecords(history.Collection, dbx.HashExp{history.FieldTicket: ticketID, history.FieldKind: history.KindOverdue})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// drained waits until the outbox has nothing left to send.
func drained(t testing.TB, app core.App) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		n, err := app.CountRecords(mail.Collection, dbx.HashExp{mail.FieldStatus: mail.StatusQueued})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mails still queued after %s", n, patience)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// overdueMails lists the recipients of the SLA alerts about a ticket
// the SMTP server received.
func overdueMails(t testing.TB, server *mailtest.Server, title string) []string {
	t.Helper()
	var to []string
	for _, m := range server.Messages() {
		p := m.Parse(t)
		if strings.Contains(p.Subject, "Ticket overdue: ") && strings.HasSuffix(p.Subject, title) {
			to = append(to, m.To...)
		}
	}
	slices.Sort(to)
	return to
}

// waitOverdueMails waits until the SMTP server got n SLA alerts.
func waitOverdueMails(t testing.TB, server *mailtest.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for len(overdueMails(t, server, "")) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the SMTP server got %d SLA alerts, want %d", len(overdueMails(t, server, "")), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSLAAlerts marks breaches once, across a restart: an overdue event
// and one alert mail per recipient through the real SMTP server; a breach
// that happens while the server is stopped is alerted when it starts.
func TestSLAAlerts(t *testing.T) {
	t.Parallel()
	app1, svc1 := apptest.New(t, hooks.Config{Manual: true, Mail: slaMail})
	server := mailtest.NewServer(t)
	server.Configure(app1)
	settings, err := app1.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	settings.Meta.AppURL = mailAppURL
	if err := app1.Save(settings); err != nil {
		t.Fatal(err)
	}
	requester := apptest.CreateUser(t, app1, "uma@example.com", "Uma", user.RoleUser)
	mod := apptest.CreateUser(t, app1, "mo@example.com", "Mo", user.RoleModerator, "vpn")
	apptest.CreateUser(t, app1, "ada@example.com", "Ada", user.RoleAdmin)
	muted := apptest.CreateUser(t, app1, "quiet@example.com", "Quiet", user.RoleAdmin)
	muted.Set(user.FieldMuteNotifications, true)
	if err := app1.Save(muted); err != nil {
		t.Fatal(err)
	}

	now := time.Now().UTC()
	open := func(title, assignee, status string, due time.Time) *core.Record {
		return apptest.CreateTicket(t, app1, requester, title, map[string]any{
			ticket.FieldAssignedTo: assignee, ticket.FieldStatus: status, ticket.FieldTriage: ticket.TriageDone,
			ticket.FieldPriority: ticket.PriorityHigh, ticket.FieldDue: due,
		})
	}
	late := open("Late one", mod.Id, ticket.StatusAssigned, now.Add(-time.Hour))
	orphan := open("Nobody's", "", ticket.StatusTodo, now.Add(-time.Minute))
	finished := open("Done in time", mod.Id, ticket.StatusDone, now.Add(-time.Hour))
	later := open("Due later", mod.Id, ticket.StatusInProgress, now.Add(time.Hour))
	svc1.Mail.Start()

	if n, err := svc1.SLA.Check(now); err != nil || n != 2 {
		t.Fatalf("first check marked %d (%v), want 2", n, err)
	}
	if n, err := svc1.SLA.Check(now.Add(time.Minute)); err != nil || n != 0 {
		t.Fatalf("second check marked %d (%v), want none: one mark per breach", n, err)
	}
	waitOverdueMails(t, server, 3)
	drained(t, app1)
	if got := overdueMails(t, server, "Late one"); !slices.Equal(got, []string{"ada@example.com", "mo@example.com"}) {
		t.Errorf("alerts about the late ticket went to %v, want the assignee and the admin who did not mute", got)
	}
	if got := overdueMails(t, server, "Nobody's"); !slices.Equal(got, []string{"ada@example.com"}) {
		t.Errorf("alerts about the unassigned ticket went to %v, want the admin", got)
	}
	for _, m := range server.Messages() {
		if p := m.Parse(t); strings.Contains(p.Subject, "Late one") && !strings.Contains(p.Text, mailAppURL+"/#/tickets/"+late.Id) {
			t.Errorf("the alert lacks the ticket link:\n%s", p.Text)
		}
	}
	ev, err := app1.FindFirstRecordByFilter(history.Collection, "ticket = {:t} && kind = 'overdue'", dbx.Params{"t": late.Id})
	if err != nil {
		t.Fatal(err)
	}
	if ev.GetString(history.FieldTo) != mod.Id || !ev.GetBool(history.FieldInternal) || ev.GetString(history.FieldFrom) != late.GetString(ticket.FieldDue) {
		t.Errorf("overdue event: from %q to %q internal %v", ev.GetString(history.FieldFrom), ev.GetString(history.FieldTo), ev.GetBool(history.FieldInternal))
	}

	// the server stops; meanwhile the third ticket's due passes
	_, err = app1.DB().Update(ticket.Collection, dbx.Params{ticket.FieldDue: now.Add(-time.Second).Format("2006-01-02 15:04:05.000Z")},
		dbx.HashExp{"id": later.Id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	svc1.Mail.Stop()

	// it starts again on the same data, serving: the watcher runs at once
	// and on the cron
	app2, svc2 := apptest.Open(t, app1.DataDir(), hooks.Config{Mail: slaMail})
	if !slices.ContainsFunc(app2.Cron().Jobs(), func(j *cron.Job) bool { return j.Id() == sla.CronJob }) {
		t.Fatalf("no %s job on the cron", sla.CronJob)
	}
	srv := serve(t, app2)
	waitOverdueMails(t, server, 5)
	drained(t, app2)
	if got := overdueMails(t, server, "Due later"); !slices.Equal(got, []string{"ada@example.com", "mo@example.com"}) {
		t.Errorf("the breach missed while stopped was alerted to %v", got)
	}
	// the cron job finds nothing more
	for _, j := range app2.Cron().Jobs() {
		if j.Id() == sla.CronJob {
			j.Run()
		}
	}
	if n, err := svc2.SLA.Check(time.Now()); err != nil || n != 0 {
		t.Errorf("a check after the restart marked %d (%v), want none", n, err)
	}
	drained(t, app2)
	if got := len(overdueMails(t, server, "")); got != 5 {
		t.Errorf("the SMTP server got %d mails, want 5: one per ticket, breach and recipient", got)
	}
	for id, want := range map[string]int{late.Id: 1, orphan.Id: 1, finished.Id: 0, later.Id: 1} {
		if got := overdueEvents(t, app2, id); got != want {
			t.Errorf("ticket %s has %d overdue events, want %d", id, got, want)
		}
	}

	// a new due time that passes is a new breach
	moved := now.Add(-time.Second).Format("2006-01-02 15:04:05.000Z")
	if _, err := app2.DB().Update(ticket.Collection, dbx.Params{ticket.FieldDue: moved}, dbx.HashExp{"id": late.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	if n, err := svc2.SLA.Check(time.Now()); err != nil || n != 1 {
		t.Errorf("a moved due time that passed: marked %d (%v), want 1", n, err)
	}

	// the stats count breaches per assignee at the time of the breach
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/helpdesk/stats", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", apptest.Token(t, mod))
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Breaches   int
		ByAssignee []struct {
			ID    string
			Count int
		} `json:"breaches_by_assignee"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("stats: %d %v", res.StatusCode, err)
	}
	if body.Breaches != 3 || len(body.ByAssignee) != 1 || body.ByAssignee[0].ID != mod.Id || body.ByAssignee[0].Count != 3 {
		t.Errorf("a moderator's breaches: %+v, want 3, all theirs", body)
	}
}
