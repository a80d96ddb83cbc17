package hooks_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"helpdesk/internal/ticket"
)

// patience bounds every wait for an event; it only decides when a test
// gives up, never whether it passes.
const patience = 30 * time.Second

// markerEvent is sent straight through the broker to each client after the
// changes: everything a client received before it is all it will receive.
const markerEvent = "test-marker"

func TestRealtimeTicketEvents(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)

	expandUser := "users/" + idUser + "?options=" + url.QueryEscape(`{"query":{"expand":"tickets_via_created_by"}}`)
	subs := map[actor][]string{}
	for _, a := range []actor{anonymous, asUser, asOther, asModerator, asAssigned, asAdmin} {
		subs[a] = []string{"tickets/*", "tickets/" + idOpen}
	}
	subs[asUser] = append(subs[asUser], expandUser)
	subs[asAssigned] = append(subs[asAssigned], expandUser)

	clients := map[actor]*rtClient{}
	for a, topics := range subs {
		c := connect(t, srv)
		if status, body := c.subscribe(t, a, topics...); status != http.StatusNoContent {
			t.Fatalf("%s: subscribe: %d %s", a, status, body)
		}
		clients[a] = c
	}

	// the changes, each through the REST API of the running server
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"helpful_notes": staffNote + " updated"})
	var created struct{ ID string }
	raw := mustDo(t, srv, asUser, http.MethodPost, ticketsURL, map[string]any{"title": "Realtime ticket", "description": "Made while watched"})
	if err := json.Unmarshal(raw, &created); err != nil || created.ID == "" {
		t.Fatalf("create: %s", raw)
	}
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+created.ID, map[string]any{"assigned_to": idMod})
	mustDo(t, srv, asAdmin, http.MethodDelete, ticketsURL+"/"+idOthers, nil)
	mustDo(t, srv, asAdmin, http.MethodPatch, usersURL+"/"+idUser, map[string]any{"name": "Uma Watched"})

	open, all, mine := "tickets/"+idOpen, "tickets/*", expandUser
	want := map[actor][]string{
		anonymous: nil,
		asUser: {
			all + " update " + idOpen, open + " update " + idOpen,
			all + " create " + created.ID, all + " update " + created.ID,
			mine + " update " + idUser,
		},
		asOther:     {all + " delete " + idOthers},
		asModerator: {all + " update " + created.ID},
		asAssigned: {
			all + " update " + idOpen, open + " update " + idOpen,
			mine + " update " + idUser,
		},
		asAdmin: {
			all + " update " + idOpen, open + " update " + idOpen,
			all + " create " + created.ID, all + " update " + created.ID,
			all + " delete " + idOthers,
		},
	}

	for a, c := range clients {
		key := func(e rtEvent) string { return e.name + " " + e.action() + " " + e.recordID(t) }
		// wait for everything expected, then for the marker: an event
		// that should not have come arrives before it
		var events []rtEvent
		seen := map[string]bool{}
		for _, w := range want[a] {
			for !seen[w] {
				e := c.nextRecordEvent(t)
				events = append(events, e)
				seen[key(e)] = true
			}
		}
		events = append(events, c.untilMarker(t, app)...)
		var got []string
		for _, e := range events {
			got = append(got, key(e))
			if a.staff() {
				if strings.HasPrefix(e.name, "tickets/") && !strings.Contains(e.data, `"helpful_notes":"`) {
					t.Errorf("%s: %s lacks helpful_notes: %s", a, e.name, e.data)
				}
				continue
			}
			for _, f := range append(slices.Clone(ticket.StaffOnlyFields), staffNote, staffSkill, staffLink) {
				if strings.Contains(e.data, f) {
					t.Errorf("%s: %s carries %s: %s", a, e.name, f, e.data)
					break
				}
			}
		}
		// a set: a later hook (the triage) may update a ticket more than once
		slices.Sort(got)
		got = slices.Compact(got)
		w := slices.Clone(want[a])
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s received\n  %q\nwant\n  %q", a, got, w)
		}
		// the expanded back-relation is there, hidden fields and all
		for _, e := range events {
			if e.name == mine && !strings.Contains(e.data, `"tickets_via_created_by":[`) {
				t.Errorf("%s: %s has no expanded tickets: %s", a, e.name, e.data)
			}
			if e.name == mine && a.staff() && !strings.Contains(e.data, `"helpful_notes":"`+staffNote) {
				t.Errorf("%s: %s: the expanded tickets lack helpful_notes: %s", a, e.name, e.data)
			}
		}
	}
}

func TestRealtimeSubscriptionFilters(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)
	withQuery := func(q string) string {
		return "tickets/*?options=" + url.QueryEscape(`{"query":`+q+`}`)
	}
	cases := []struct {
		name   string
		as     actor
		topic  string
		status int
	}{
		{"filter on helpful_notes", asUser, withQuery(`{"filter":"helpful_notes != ''"}`), http.StatusBadRequest},
		{"filter with the field name JSON-escaped", asUser, withQuery(`{"filter":"helpful\u005fnotes ~ 'STAFF'"}`), http.StatusBadRequest},
		{"sort on related_skills", asOther, withQuery(`{"sort":"related_skills"}`), http.StatusBadRequest},
		{"filter on resource_links", anonymous, withQuery(`{"filter":"resource_links ~ 'x'"}`), http.StatusBadRequest},
		{"filter on users through the back-relation", asUser, "users/*?options=" + url.QueryEscape(`{"query":{"filter":"tickets_via_created_by.helpful_notes ?~ 'S'"}}`), http.StatusBadRequest},
		{"filter on title", asUser, withQuery(`{"filter":"title ~ 'Printer'"}`), http.StatusNoContent},
		{"filter on helpful_notes", asAssigned, withQuery(`{"filter":"helpful_notes ~ 'STAFF'"}`), http.StatusNoContent},
		{"filter on helpful_notes", asAdmin, withQuery(`{"filter":"helpful_notes ~ 'STAFF'"}`), http.StatusNoContent},
	}
	for _, c := range cases {
		t.Run(string(c.as)+": "+c.name, func(t *testing.T) {
			client := connect(t, srv)
			status, body := client.subscribe(t, c.as, c.topic)
			if status != c.status {
				t.Fatalf("status %d, want %d: %s", status, c.status, body)
			}
			if status == http.StatusBadRequest && !strings.Contains(string(body), `"subscriptions":{"code":`) {
				t.Errorf("no field error on subscriptions: %s", body)
			}
		})
	}
}

// ---------------------------------------------------------------------

// serve starts a real HTTP server on the app's router, the way
// tests.ApiScenario builds it, and stops it with the test.
func serve(t *testing.T, app *tests.TestApp) *httptest.Server {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		if err != nil {
			return err
		}
		srv = httptest.NewServer(mux)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// do sends a JSON request as the actor and returns the status and body.
func do(t testing.TB, srv *httptest.Server, as actor, method, path string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = strings.NewReader(string(raw))
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range authHeaders(t, as) {
		req.Header.Set(k, v)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, out
}

// mustDo is do for requests that must succeed.
func mustDo(t testing.TB, srv *httptest.Server, as actor, method, path string, body any) []byte {
	t.Helper()
	status, out := do(t, srv, as, method, path, body)
	if status >= 300 {
		t.Fatalf("%s %s as %s: %d %s", method, path, as, status, out)
	}
	return out
}

// rtEvent is one server-sent event.
type rtEvent struct {
	name, data string
}

// action is the record event's action (create, update, delete).
func (e rtEvent) action() string {
	var m struct{ Action string }
	_ = json.Unmarshal([]byte(e.data), &m)
	return m.Action
}

func (e rtEvent) recordID(t testing.TB) string {
	var m struct {
		Record struct{ ID string }
	}
	if err := json.Unmarshal([]byte(e.data), &m); err != nil {
		t.Errorf("event %s: %v: %s", e.name, err, e.data)
	}
	return m.Record.ID
}

// rtClient is a realtime connection read by a plain SSE parser.
type rtClient struct {
	srv    *httptest.Server
	id     string
	events chan rtEvent
}

// connect opens /api/realtime and reads the PB_CONNECT client id. The
// connection closes with the test.
func connect(t *testing.T, srv *httptest.Server) *rtClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/realtime", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("connect: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	c := &rtClient{srv: srv, events: make(chan rtEvent, 64)}
	go func() {
		defer close(c.events)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
		var ev rtEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					c.events <- ev
				}
				ev = rtEvent{}
			case strings.HasPrefix(line, "event:"):
				ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				if ev.data != "" {
					ev.data += "\n"
				}
				ev.data += strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " ")
			}
		}
	}()
	first := c.next(t)
	var hello struct{ ClientID string }
	if first.name != "PB_CONNECT" || json.Unmarshal([]byte(first.data), &hello) != nil || hello.ClientID == "" {
		t.Fatalf("first event %q %s, want PB_CONNECT with a clientId", first.name, first.data)
	}
	c.id = hello.ClientID
	return c
}

// subscribe sets the client's subscriptions with the actor's auth.
func (c *rtClient) subscribe(t testing.TB, as actor, topics ...string) (int, []byte) {
	t.Helper()
	return do(t, c.srv, as, http.MethodPost, "/api/realtime", map[string]any{"clientId": c.id, "subscriptions": topics})
}

func (c *rtClient) next(t testing.TB) rtEvent {
	t.Helper()
	select {
	case e, ok := <-c.events:
		if !ok {
			t.Fatal("the realtime connection closed")
		}
		return e
	case <-time.After(patience):
		t.Fatalf("no realtime event within %s", patience)
		return rtEvent{}
	}
}

// untilMarker sends the marker to the client and returns the ticket and
// users events it received before it.
func (c *rtClient) untilMarker(t testing.TB, app core.App) []rtEvent {
	t.Helper()
	client, err := app.SubscriptionsBroker().ClientById(c.id)
	if err != nil {
		t.Fatal(err)
	}
	go client.Send(subscriptions.Message{Name: markerEvent, Data: []byte(`{}`)})
	var out []rtEvent
	for {
		e := c.nextRecordEvent(t)
		if e.name == markerEvent {
			return out
		}
		out = append(out, e)
	}
}

// nextRecordEvent returns the next tickets or users event (or the
// marker), skipping other topics.
func (c *rtClient) nextRecordEvent(t testing.TB) rtEvent {
	t.Helper()
	for {
		e := c.next(t)
		if e.name == markerEvent || strings.HasPrefix(e.name, "tickets/") || strings.HasPrefix(e.name, "users/") {
			return e
		}
	}
}
