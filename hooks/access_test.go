package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
	"helpdesk/internal/ticket"
)

// notesTopic is a moderator's subscription to the staff notes of every
// ticket they may see.
var notesTopic = "tickets/*?options=" + url.QueryEscape(`{"query":{"filter":"helpful_notes ~ 'STAFF'"}}`)

// watchNotes connects a realtime client as the assigned moderator,
// subscribed to notesTopic, and proves that it works: a note changed by
// the admin reaches it.
func watchNotes(t *testing.T, env *appWithServer) *rtClient {
	t.Helper()
	c := connect(t, env.srv)
	if status, body := c.subscribe(t, asAssigned, notesTopic); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %s", status, body)
	}
	mustDo(t, env.srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"helpful_notes": staffNote + " while staff"})
	for {
		if e := c.nextRecordEvent(t); strings.Contains(e.data, "while staff") {
			return c
		}
	}
}

// closedWithout reads the client's events until its connection closes
// and fails when one of them carries text.
func closedWithout(t *testing.T, c *rtClient, text string) {
	t.Helper()
	deadline := time.After(patience)
	for {
		select {
		case e, ok := <-c.events:
			if !ok {
				return
			}
			if strings.Contains(e.data, text) {
				t.Errorf("the ended session still received %s: %s", e.name, e.data)
			}
		case <-deadline:
			t.Fatalf("the realtime connection is still open after %s", patience)
		}
	}
}

// oldTokenRefused asserts that the assigned moderator's token no longer
// works: 401 where authorization is required, nothing visible elsewhere.
func oldTokenRefused(t *testing.T, env *appWithServer) {
	t.Helper()
	for _, path := range []string{"/api/helpdesk/stats"} {
		if status, body := do(t, env.srv, asAssigned, http.MethodGet, path, nil); status != http.StatusUnauthorized {
			t.Errorf("GET %s with the old token: %d %s, want 401", path, status, body)
		}
	}
	if status, body := do(t, env.srv, asAssigned, http.MethodPost, "/api/collections/users/auth-refresh", nil); status != http.StatusUnauthorized {
		t.Errorf("auth-refresh with the old token: %d %s, want 401", status, body)
	}
	if status, _ := do(t, env.srv, asAssigned, http.MethodGet, ticketsURL+"/"+idOpen, nil); status != http.StatusNotFound {
		t.Errorf("the ticket that was assigned to them: %d, want 404", status)
	}
}

func TestDemotionEndsAccess(t *testing.T) {
	t.Parallel()
	demote := map[string]func(t *testing.T, env *appWithServer){
		"through the API": func(t *testing.T, env *appWithServer) {
			mustDo(t, env.srv, asAdmin, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"role": "user"})
		},
		"through the CLI": func(t *testing.T, env *appWithServer) {
			if out, err := apptest.RunCommand(t, cli.NewUsersCommand(env.app), "set-role", "assigned@example.com", "user"); err != nil {
				t.Fatalf("set-role: %v %s", err, out)
			}
		},
	}
	for name, do := range demote {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env, routed, byHand := handoverSetup(t)
			if status, _ := doAs(t, env, asAssigned, http.MethodGet, "/api/helpdesk/stats"); status != http.StatusOK {
				t.Fatalf("stats as the moderator: %d", status)
			}
			c := watchNotes(t, env)

			do(t, env)

			mustDo(t, env.srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"helpful_notes": staffNote + " after"})
			closedWithout(t, c, staffNote+" after")
			oldTokenRefused(t, env)
			// a demoted account cannot hold tickets: all go back to routing,
			// those assigned by hand too
			for _, id := range []string{idOpen, routed, byHand} {
				if to, _ := assignee(t, env.app, id); to != idAdmin {
					t.Errorf("ticket %s is with %q, want the admin", id, to)
				}
				if _, _, reason := lastAssigned(t, env.app, id); !strings.HasPrefix(reason, "handover from Arno Assigned (no longer staff): ") {
					t.Errorf("ticket %s: reason %q", id, reason)
				}
			}
		})
	}
}

// TestDemotionInAnotherProcess changes the account as `helpdesk users
// set-role` run beside the server does: only the database knows. The
// server drops the connection before it delivers the next message.
func TestDemotionInAnotherProcess(t *testing.T) {
	t.Parallel()
	env, _, _ := handoverSetup(t)
	c := watchNotes(t, env)
	_, err := env.app.DB().Update("users", dbx.Params{"role": "user", core.FieldNameTokenKey: "another-key-set-by-another-process-0123456789"},
		dbx.HashExp{"id": idAssigned}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, env.srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"helpful_notes": staffNote + " after"})
	closedWithout(t, c, staffNote+" after")
	oldTokenRefused(t, env)
}

func TestDeletionEndsAccess(t *testing.T) {
	t.Parallel()
	env, routed, byHand := handoverSetup(t)
	c := watchNotes(t, env)
	mustDo(t, env.srv, asAdmin, http.MethodDelete, usersURL+"/"+idAssigned, nil)
	closedWithout(t, c, staffNote)
	oldTokenRefused(t, env)
	for _, id := range []string{idOpen, routed, byHand} {
		if to, status := assignee(t, env.app, id); to != idAdmin || status != ticket.StatusAssigned {
			t.Errorf("ticket %s is with %q (%s), want the admin", id, to, status)
		}
		if _, _, reason := lastAssigned(t, env.app, id); !strings.HasPrefix(reason, "handover from Arno Assigned (deleted): ") {
			t.Errorf("ticket %s: reason %q", id, reason)
		}
		if n := assignmentMails(t, env.app, "admin@example.com", id); n != 1 {
			t.Errorf("ticket %s: %d assignment mails to the admin, want 1", id, n)
		}
	}
	// the done ticket lost its assignee with the account, as before
	if to, _ := assignee(t, env.app, idDone); to != "" {
		t.Errorf("the done ticket is with %q", to)
	}
}

func doAs(t *testing.T, env *appWithServer, as actor, method, path string) (int, []byte) {
	t.Helper()
	return do(t, env.srv, as, method, path, nil)
}
