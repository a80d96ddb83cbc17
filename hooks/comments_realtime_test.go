package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// TestRealtimeComments: real SSE clients; an internal note never reaches
// the requester (not as a comment, not as an event, not in an expanded
// ticket), a comment on a ticket reaches its assigned moderator, and
// nobody else hears of either.
func TestRealtimeComments(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)

	expanded := "tickets/" + idOpen + "?options=" + url.QueryEscape(`{"query":{"expand":"comments_via_ticket"}}`)
	clients := map[actor]*rtClient{}
	for _, a := range []actor{anonymous, asUser, asOther, asModerator, asAssigned, asAdmin} {
		topics := []string{"comments/*", "ticket_events/*"}
		if a == asUser || a == asAssigned {
			topics = append(topics, expanded)
		}
		c := connect(t, srv)
		if status, body := c.subscribe(t, a, topics...); status != http.StatusNoContent {
			t.Fatalf("%s: subscribe: %d %s", a, status, body)
		}
		clients[a] = c
	}

	postAs := func(as actor, body string, internal bool) string {
		var out struct{ ID string }
		raw := mustDo(t, srv, as, http.MethodPost, commentsURL, map[string]any{"ticket": idOpen, "body": body, "internal": internal})
		if err := json.Unmarshal(raw, &out); err != nil || out.ID == "" {
			t.Fatalf("post: %s", raw)
		}
		return out.ID
	}
	note := postAs(asAssigned, noteSecret+" do not tell", true)
	reply := postAs(asAssigned, "We are on it.", false) // the first response: the ticket updates
	answer := postAs(asUser, "Thanks!", false)

	commented := func(ids ...string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, "comments/* create "+id, "ticket_events/* create commented "+id)
		}
		return out
	}
	want := map[actor][]string{
		anonymous:   nil,
		asOther:     nil,
		asModerator: nil,
		asUser:      append(commented(reply, answer), expanded+" update "+idOpen),
		asAssigned:  append(commented(note, reply, answer), expanded+" update "+idOpen),
		asAdmin:     commented(note, reply, answer),
	}
	for a, c := range clients {
		// send the marker once everything expected has come: whatever
		// should not have come was sent before it
		var got []string
		var data []string
		for len(missing(want[a], got)) > 0 {
			e := c.next(t)
			got = append(got, describe(t, e))
			data = append(data, e.data)
		}
		rest, restData := c.untilMarkerAny(t, app)
		got, data = append(got, rest...), append(data, restData...)
		got = slices.Compact(slices.Sorted(slices.Values(got)))
		w := slices.Sorted(slices.Values(want[a]))
		if !slices.Equal(got, w) {
			t.Errorf("%s received\n  %q\nwant\n  %q", a, got, w)
		}
		if a == asUser || a == anonymous || a == asOther || a == asModerator {
			for _, d := range data {
				if strings.Contains(d, noteSecret) || strings.Contains(d, note) || strings.Contains(d, `"internal":true`) {
					t.Errorf("%s: the note leaked: %s", a, d)
				}
			}
		}
		if a == asAssigned && !slices.ContainsFunc(data, func(d string) bool {
			return strings.Contains(d, `"comments_via_ticket":[`) && strings.Contains(d, note)
		}) {
			t.Errorf("the assigned moderator's expanded ticket lacks the note")
		}
	}
}

func missing(want, got []string) []string {
	var out []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			out = append(out, w)
		}
	}
	return out
}

// describe is "topic action id" of a record event, with the kind and
// target of a ticket event ("topic action kind to").
func describe(t testing.TB, e rtEvent) string {
	var m struct {
		Action string
		Record struct {
			ID, Kind, To string
		}
	}
	if err := json.Unmarshal([]byte(e.data), &m); err != nil {
		t.Errorf("event %s: %v", e.name, err)
	}
	if m.Record.Kind != "" {
		return e.name + " " + m.Action + " " + m.Record.Kind + " " + m.Record.To
	}
	return e.name + " " + m.Action + " " + m.Record.ID
}

// untilMarkerAny sends the marker and returns every record event received
// before it, described, with their data.
func (c *rtClient) untilMarkerAny(t testing.TB, app interface {
	SubscriptionsBroker() *subscriptions.Broker
}) ([]string, []string) {
	t.Helper()
	client, err := app.SubscriptionsBroker().ClientById(c.id)
	if err != nil {
		t.Fatal(err)
	}
	go client.Send(subscriptions.Message{Name: markerEvent, Data: []byte(`{}`)})
	var got, data []string
	for {
		e := c.next(t)
		if e.name == markerEvent {
			return got, data
		}
		got = append(got, describe(t, e))
		data = append(data, e.data)
	}
}
