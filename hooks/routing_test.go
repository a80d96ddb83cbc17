package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/history"
	"helpdesk/internal/mail"
	"helpdesk/internal/ticket"
)

// appWithServer is a seeded app served by a real HTTP server.
type appWithServer struct {
	app *tests.TestApp
	srv *httptest.Server
}

// withContent makes the scenario expect these strings in the response.
func withContent(s tests.ApiScenario, want ...string) tests.ApiScenario {
	s.ExpectedContent = append(s.ExpectedContent, want...)
	return s
}

// lastAssigned is the ticket's latest assigned event.
func lastAssigned(t testing.TB, app core.App, ticketID string) (to, actor, reason string) {
	t.Helper()
	var row struct {
		To     string `db:"to"`
		Actor  string `db:"actor"`
		Reason string `db:"reason"`
	}
	err := app.DB().Select("[[to]] AS to", "actor", "reason").From(history.Collection).
		Where(dbx.HashExp{"ticket": ticketID, "kind": history.KindAssigned}).
		OrderBy("created DESC", "rowid DESC").Limit(1).One(&row)
	if err != nil {
		t.Fatalf("no assigned event for %s: %v", ticketID, err)
	}
	return row.To, row.Actor, row.Reason
}

// assignee is the stored assignee and status of a ticket.
func assignee(t testing.TB, app core.App, id string) (string, string) {
	t.Helper()
	r, err := app.FindRecordById(ticket.Collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString(ticket.FieldAssignedTo), r.GetString(ticket.FieldStatus)
}

// assignmentMails counts the queued assignment mails to address about
// the ticket.
func assignmentMails(t testing.TB, app core.App, address, ticketID string) int {
	t.Helper()
	n, err := app.CountRecords(mail.Collection, dbx.And(
		dbx.Like(mail.FieldTo, address),
		dbx.Like(mail.FieldSubject, "New ticket assigned:"),
		dbx.Like(mail.FieldText, "/#/tickets/"+ticketID),
	))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// handoverSetup seeds the tickets every handover test starts from: the
// seeded idOpen (routed by the system), a vpn ticket routed by the
// system and one an admin assigned by hand, all held by the assigned
// moderator; the app's URL is set so that mails carry ticket links.
func handoverSetup(t *testing.T) (app *appWithServer, routed, byHand string) {
	t.Helper()
	a := newApp(t)
	settings, err := a.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	settings.Meta.AppURL = mailAppURL
	if err := a.Save(settings); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, a)
	requester, err := a.FindRecordById("users", idUser)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]any{
		ticket.FieldAssignedTo: idAssigned, ticket.FieldStatus: ticket.StatusAssigned,
		ticket.FieldTriage: ticket.TriageDone, ticket.FieldRelatedSkills: []string{"vpn"},
	}
	routed = apptest.CreateTicket(t, a, requester, "VPN drops", fields).Id
	fields[ticket.FieldAssignedTo] = ""
	fields[ticket.FieldStatus] = ticket.StatusTodo
	byHand = apptest.CreateTicket(t, a, requester, "VPN for the CEO", fields).Id
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+byHand, map[string]any{"assigned_to": idAssigned})
	if _, actor, reason := lastAssigned(t, a, byHand); actor != idAdmin || reason != assign.ByHand {
		t.Fatalf("the admin's assignment is noted as actor %q, reason %q", actor, reason)
	}
	return &appWithServer{a, srv}, routed, byHand
}

func TestHandoverWhenAway(t *testing.T) {
	t.Parallel()
	env, routed, byHand := handoverSetup(t)
	app, srv := env.app, env.srv

	// the moderator marks themselves away
	mustDo(t, srv, asAssigned, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"away": true})

	// nobody else has vpn or the seeded skill: the least-loaded admin
	for _, id := range []string{idOpen, routed} {
		if to, status := assignee(t, app, id); to != idAdmin || status != ticket.StatusAssigned {
			t.Errorf("ticket %s: assigned to %q (%s), want the admin", id, to, status)
		}
		to, actor, reason := lastAssigned(t, app, id)
		if to != idAdmin || actor != "" || !strings.HasPrefix(reason, "handover from Arno Assigned (away): no fit") {
			t.Errorf("ticket %s: assigned event to %q by %q because %q", id, to, actor, reason)
		}
		if n := assignmentMails(t, app, "admin@example.com", id); n != 1 {
			t.Errorf("ticket %s: %d assignment mails to the admin, want 1", id, n)
		}
	}
	// the admin's own choice stays
	if to, _ := assignee(t, app, byHand); to != idAssigned {
		t.Errorf("the ticket assigned by hand went to %q", to)
	}
	// the done ticket is not touched
	if to, _ := assignee(t, app, idDone); to != idAssigned {
		t.Errorf("the done ticket went to %q", to)
	}

	// an assignment by hand to someone away is noted so, and moves on
	// the next absence
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+routed, map[string]any{"assigned_to": idAssigned})
	if _, _, reason := lastAssigned(t, app, routed); reason != assign.ByHandWhileAway {
		t.Errorf("an assignment to someone away is noted %q", reason)
	}
	mustDo(t, srv, asAssigned, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"away": false})
	mustDo(t, srv, asAssigned, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"away": true})
	if to, _ := assignee(t, app, routed); to != idAdmin {
		t.Errorf("a ticket assigned by hand while away stayed with %q", to)
	}
	if to, _ := assignee(t, app, byHand); to != idAssigned {
		t.Errorf("the ticket assigned by hand while available went to %q", to)
	}
}

func TestHandoverNobodyAvailableThenBack(t *testing.T) {
	t.Parallel()
	env, routed, _ := handoverSetup(t)
	app, srv := env.app, env.srv
	mustDo(t, srv, asAdmin, http.MethodPatch, usersURL+"/"+idAdmin, map[string]any{"away": true})
	mustDo(t, srv, asModerator, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"max_open": 1})
	// the moderator already holds nothing; fill their one place
	mod, _ := app.FindRecordById("users", idMod)
	apptest.CreateTicket(t, app, mod, "Mona's", map[string]any{ticket.FieldAssignedTo: idMod, ticket.FieldStatus: ticket.StatusAssigned, ticket.FieldTriage: ticket.TriageDone})

	mustDo(t, srv, asAssigned, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"away": true})
	if to, status := assignee(t, app, routed); to != "" || status != ticket.StatusTodo {
		t.Fatalf("with nobody available the ticket is with %q (%s), want unassigned todo", to, status)
	}
	if _, _, reason := lastAssigned(t, app, routed); !strings.HasSuffix(reason, "nobody available") {
		t.Errorf("reason %q", reason)
	}

	// the admin comes back and takes what waited
	mustDo(t, srv, asAdmin, http.MethodPatch, usersURL+"/"+idAdmin, map[string]any{"away": false})
	if to, status := assignee(t, app, routed); to != idAdmin || status != ticket.StatusAssigned {
		t.Errorf("after the admin came back the ticket is with %q (%s)", to, status)
	}
}

func TestAwayAndMaxOpenFields(t *testing.T) {
	t.Parallel()
	run(t, []tests.ApiScenario{
		withContent(stored(call(t, "set own away", asAssigned, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"away": true}, 200), "users", idAssigned, "away", "true"), `"away":true`),
		withContent(stored(call(t, "set own max_open", asModerator, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"max_open": 7}, 200), "users", idMod, "max_open", "7"), `"max_open":7`),
		withContent(stored(call(t, "set a moderator's max_open", asAdmin, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"max_open": 3}, 200), "users", idMod, "max_open", "3"), `"max_open":3`),
		withContent(unchanged(call(t, "set another moderator's away", asModerator, http.MethodPatch, usersURL+"/"+idAssigned, map[string]any{"away": true}, 404)), `"status":404`),
		withContent(unchanged(call(t, "negative max_open", asModerator, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"max_open": -1}, 400)), fieldError("max_open")),
		withContent(unchanged(call(t, "fractional max_open", asModerator, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"max_open": 1.5}, 400)), fieldError("max_open")),
		withContent(unchanged(call(t, "max_open as text", asModerator, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"max_open": "5"}, 400)), fieldError("max_open")),
		withContent(unchanged(call(t, "away as text", asModerator, http.MethodPatch, usersURL+"/"+idMod, map[string]any{"away": "yes"}, 400)), fieldError("away")),
	})
}
