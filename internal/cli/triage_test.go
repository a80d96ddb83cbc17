package cli_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// run executes `helpdesk triage ARGS...` and returns what it printed.
func runTriage(t *testing.T, app core.App, args ...string) (string, error) {
	t.Helper()
	return apptest.RunCommand(t, cli.NewTriageCommand(app), args...)
}

// seed makes one ticket per triage state plus a second failed one; it
// returns their ids by title.
func seedTriage(t *testing.T, app core.App) map[string]string {
	t.Helper()
	requester := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser)
	ids := map[string]string{}
	for _, s := range []struct{ title, triage string }{
		{"Oldest pending", ticket.TriagePending},
		{"Being analysed", ticket.TriageAnalyzing},
		{"Finished", ticket.TriageDone},
		{"Failed one", ticket.TriageFailed},
		{"Failed two", ticket.TriageFailed},
	} {
		ids[s.title] = apptest.CreateTicket(t, app, requester, s.title, map[string]any{ticket.FieldTriage: s.triage}).Id
	}
	// tickets made in the same millisecond would tie on created
	_, err := app.DB().Update(ticket.Collection, dbx.Params{"created": "2025-01-01 00:00:00.000Z"},
		dbx.HashExp{"id": ids["Oldest pending"]}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func triageOf(t *testing.T, app core.App, id string) string {
	t.Helper()
	r, err := app.FindRecordById(ticket.Collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString(ticket.FieldTriage)
}

func TestTriageStatus(t *testing.T) {
	t.Parallel()
	app := apptest.NewApp(t)

	out, err := runTriage(t, app, "status")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "No ticket is waiting.") {
		t.Errorf("empty queue:\n%s", out)
	}

	ids := seedTriage(t, app)
	out, err = runTriage(t, app, "status")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"pending": "1", "analyzing": "1", "assigning": "0", "done": "1", "failed": "2"}
	lines := strings.Split(out, "\n")
	if got := strings.Fields(lines[0]); len(got) != 2 || got[0] != "TRIAGE" {
		t.Fatalf("header %q", lines[0])
	}
	for _, line := range lines[1:6] {
		f := strings.Fields(line)
		if len(f) != 2 || want[f[0]] != f[1] {
			t.Errorf("line %q, want the count %s", line, want[f[0]])
		}
	}
	if !strings.Contains(out, "Oldest waiting: "+ids["Oldest pending"]+` "Oldest pending" (pending`) {
		t.Errorf("no oldest waiting ticket:\n%s", out)
	}
}

func TestTriageRetry(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		args    []string // titles stand for their ids
		queued  []string
		wantErr string
	}{
		{name: "nothing named", args: nil, wantErr: "--failed"},
		{name: "explicit ids", args: []string{"Finished", "Failed one"}, queued: []string{"Finished", "Failed one"}},
		{name: "every failed ticket", args: []string{"--failed"}, queued: []string{"Failed one", "Failed two"}},
		{name: "failed and an id", args: []string{"--failed", "Finished"}, queued: []string{"Finished", "Failed one", "Failed two"}},
		{name: "an unknown id changes nothing", args: []string{"Finished", "nosuchticket123"}, wantErr: "no ticket with id nosuchticket123"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			app := apptest.NewApp(t)
			ids := seedTriage(t, app)
			before := map[string]string{}
			for title, id := range ids {
				before[title] = triageOf(t, app, id)
			}
			args := []string{"retry"}
			for _, a := range c.args {
				if id, ok := ids[a]; ok {
					a = id
				}
				args = append(args, a)
			}
			out, err := runTriage(t, app, args...)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, c.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if !strings.Contains(out, "Queued "+string(rune('0'+len(c.queued)))+" ticket(s)") {
				t.Errorf("output %q", out)
			}
			for title, id := range ids {
				want := before[title]
				for _, q := range c.queued {
					if q == title {
						want = ticket.TriagePending
					}
				}
				if got := triageOf(t, app, id); got != want {
					t.Errorf("%s: triage %q, want %q", title, got, want)
				}
			}
		})
	}
}
