package hooks_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/assign"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
)

// eventsOf returns a ticket's history as "kind actor from→to reason", oldest first.
func eventsOf(t testing.TB, app core.App, ticketID string) []string {
	t.Helper()
	// rowid: the events of one write share their created time
	var records []*core.Record
	err := app.RecordQuery(history.Collection).AndWhere(dbx.HashExp{history.FieldTicket: ticketID}).
		OrderBy("created", "rowid").All(&records)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range records {
		out = append(out, r.GetString(history.FieldKind)+" "+r.GetString(history.FieldActor)+" "+
			r.GetString(history.FieldFrom)+"→"+r.GetString(history.FieldTo)+" "+r.GetString(history.FieldReason))
	}
	return out
}

func expectEventsOf(t testing.TB, app core.App, ticketID string, want ...string) {
	t.Helper()
	got := eventsOf(t, app, ticketID)
	if len(got) != len(want) {
		t.Fatalf("events %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestHistoryThroughTheAPI(t *testing.T) {
	t.Parallel()
	scenarios := []tests.ApiScenario{
		call(t, "create", asUser, http.MethodPost, ticketsURL, map[string]any{"title": "Laptop fan loud", "description": "It howls."}, http.StatusOK),
		call(t, "status and priority", asAssigned, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"status": "in_progress", "priority": "high"}, http.StatusOK),
		call(t, "reopen", asAssigned, http.MethodPatch, ticketsURL+"/"+idDone, map[string]any{"status": "in_progress"}, http.StatusOK),
		call(t, "reassign", asAdmin, http.MethodPatch, ticketsURL+"/"+idOthers, map[string]any{"assigned_to": idMod}, http.StatusOK),
		call(t, "title only", asUser, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"title": "Printer still jammed"}, http.StatusOK),
	}
	scenarios[0].AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		r, err := app.FindFirstRecordByFilter(ticket.Collection, "title = 'Laptop fan loud'")
		if err != nil {
			t.Fatal(err)
		}
		expectEventsOf(t, app, r.Id, "created "+idUser+" →todo ")
	}
	scenarios[1].AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		expectEventsOf(t, app, idOpen, "priority "+idAssigned+" medium→high ", "status "+idAssigned+" assigned→in_progress ")
	}
	scenarios[2].AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		expectEventsOf(t, app, idDone, "reopened "+idAssigned+" done→in_progress ")
	}
	scenarios[3].AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		expectEventsOf(t, app, idOthers, "assigned "+idAdmin+" →"+idMod+" "+assign.ByHand) // noted by the routing
	}
	scenarios[4].AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		expectEventsOf(t, app, idOpen) // nothing tracked changed
	}
	for _, s := range scenarios {
		s.ExpectedContent = []string{`"id":`}
		// who made the change travels on the record, never out of it
		s.NotExpectedContent = []string{"@pbInternal", "@history", "Helpdesk"}
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			// the seed's own events are not what the scenario checks
			if _, err := app.DB().NewQuery("DELETE FROM " + history.Collection).Execute(); err != nil {
				t.Fatal(err)
			}
		}
		s.Test(t)
	}
}

func TestHistoryOfTheSystemAndRollback(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	r, err := app.FindRecordById(ticket.Collection, idOthers)
	if err != nil {
		t.Fatal(err)
	}
	// a system save (triage, routing) has no actor and may give a reason
	r.Set(ticket.FieldAssignedTo, idAssigned)
	history.SetReason(r, "skills printing; load 1")
	before := len(eventsOf(t, app, idOthers))
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	got := eventsOf(t, app, idOthers)
	if len(got) != before+1 || got[len(got)-1] != "assigned  →"+idAssigned+" skills printing; load 1" {
		t.Fatalf("events %q", got)
	}

	// a write that fails takes its events with it
	abort := errors.New("abort")
	err = app.RunInTransaction(func(txApp core.App) error {
		r, err := txApp.FindRecordById(ticket.Collection, idOthers)
		if err != nil {
			return err
		}
		r.Set(ticket.FieldStatus, ticket.StatusDone)
		if err := txApp.Save(r); err != nil {
			return err
		}
		return abort
	})
	if !errors.Is(err, abort) {
		t.Fatal(err)
	}
	if after := eventsOf(t, app, idOthers); len(after) != len(got) {
		t.Fatalf("a rolled back write left events: %q", after)
	}
}

func TestHistoryIsNotWritableThroughTheAPI(t *testing.T) {
	t.Parallel()
	url := "/api/collections/" + history.Collection + "/records"
	for _, a := range allActors {
		if a == asSuperuser {
			continue // the dashboard's operator may do anything
		}
		s := call(t, "create an event", a, http.MethodPost, url, map[string]any{"ticket": idOpen, "kind": "status", "to": "done"}, http.StatusForbidden)
		if a == anonymous {
			s.ExpectedStatus = http.StatusForbidden
		}
		s.ExpectedContent = []string{`"status":403`}
		s.Test(t)
	}
}
