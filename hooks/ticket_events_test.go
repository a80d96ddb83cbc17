package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/history"
)

// eventReaders says on which tickets an actor reads every event (staff of
// the ticket) and on which only the public ones (its creator).
var eventReaders = map[actor]struct{ all, public []string }{
	anonymous:   {},
	asUser:      {public: []string{idOpen, idDone}},
	asOther:     {public: []string{idOthers}},
	asModerator: {public: []string{idModTicket}},
	asAssigned:  {all: []string{idOpen, idDone}},
	asAdmin:     {all: []string{idOpen, idOthers, idDone, idModTicket}},
	asSuperuser: {all: []string{idOpen, idOthers, idDone, idModTicket}},
}

// visibleEvents lists, from the database, the ids of the events a may read.
func visibleEvents(t testing.TB, app core.App, a actor) []string {
	t.Helper()
	var out []string
	r := eventReaders[a]
	for _, q := range []struct {
		tickets  []string
		internal bool
	}{{r.all, true}, {r.public, false}} {
		if len(q.tickets) == 0 {
			continue
		}
		in := make([]any, len(q.tickets))
		for i, id := range q.tickets {
			in[i] = id
		}
		var ids []string
		sel := app.DB().Select("id").From(history.Collection).Where(dbx.In("ticket", in...))
		if !q.internal {
			sel.AndWhere(dbx.HashExp{"internal": false})
		}
		if err := sel.Column(&ids); err != nil {
			t.Fatal(err)
		}
		out = append(out, ids...)
	}
	slices.Sort(out)
	return out
}

func TestTicketEventsMatrix(t *testing.T) {
	t.Parallel()
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		list := conv(call(t, "list events", a, http.MethodGet, eventsURL+"?perPage=500", nil, http.StatusOK))
		list.ExpectedContent = []string{`"items":`}
		if !a.staff() {
			// no analysis, no note, no reason, no gap
			list.NotExpectedContent = []string{`"internal":true`, `"kind":"analyzed"`, `"reason"`, idNote, noteFile, idNoteEvent}
		}
		list.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			var page struct {
				TotalItems int `json:"totalItems"`
				Items      []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			raw, _ := io.ReadAll(res.Body)
			if err := json.Unmarshal(raw, &page); err != nil {
				t.Fatalf("%v: %s", err, raw)
			}
			var got []string
			for _, it := range page.Items {
				got = append(got, it.ID)
			}
			slices.Sort(got)
			want := visibleEvents(t, app, a)
			if !slices.Equal(got, want) || page.TotalItems != len(want) {
				t.Errorf("%s sees %d events %v (totalItems %d), want %v", a, len(got), got, page.TotalItems, want)
			}
			if a == asUser && !slices.Contains(got, idReplyEvent) {
				t.Errorf("the requester does not see the reply's event")
			}
		}
		scenarios = append(scenarios, list)

		for _, id := range []string{idReplyEvent, idNoteEvent} {
			status := http.StatusNotFound
			switch {
			case a == asAssigned || a == asAdmin || a == asSuperuser:
				status = http.StatusOK
			case a == asUser && id == idReplyEvent:
				status = http.StatusOK
			}
			view := conv(call(t, "view event "+id, a, http.MethodGet, eventsURL+"/"+id, nil, status))
			if status == http.StatusOK {
				view.ExpectedContent = []string{`"id":"` + id + `"`}
			}
			if a == asUser {
				view.NotExpectedContent = []string{`"reason"`}
			}
			scenarios = append(scenarios, view)

			write := http.StatusForbidden
			if a == asSuperuser {
				write = http.StatusOK
			}
			upd := conv(call(t, "update event "+id, a, http.MethodPatch, eventsURL+"/"+id, map[string]any{"internal": false}, write))
			del := conv(call(t, "delete event "+id, a, http.MethodDelete, eventsURL+"/"+id, nil, write))
			if a == asSuperuser {
				del.ExpectedStatus = http.StatusNoContent
			} else {
				upd, del = unchanged(upd), unchanged(del)
			}
			scenarios = append(scenarios, upd, del)
		}

		create := conv(call(t, "create an event", a, http.MethodPost, eventsURL, map[string]any{"ticket": idOpen, "kind": history.KindCommented, "to": "x"}, http.StatusForbidden))
		if a == asSuperuser {
			create.ExpectedStatus = http.StatusOK
		} else {
			create = unchanged(create)
		}
		scenarios = append(scenarios, create)
	}
	run(t, withBodies(scenarios))
}
