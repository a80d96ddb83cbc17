package hooks_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"helpdesk/hooks"
	"helpdesk/internal/mail"
	"helpdesk/internal/ticket"
	"helpdesk/internal/triage"
)

// TestTriageRealtime runs the triage behind a real server: SSE clients
// see their new ticket go through analyzing, assigning and done, and the
// plain user's events never carry the staff-only fields. The mail hooks
// are bound as in main.go: their transaction must not swallow the events.
func TestTriageRealtime(t *testing.T) {
	t.Parallel()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	app, _ := newAppWith(t, hooks.Config{Mail: mail.Config{Logger: quiet}, Triage: triage.Config{Logger: quiet}})
	srv := serve(t, app) // OnServe starts the pool

	clients := map[actor]*rtClient{}
	for _, a := range []actor{asUser, asAdmin} {
		c := connect(t, srv)
		if status, body := c.subscribe(t, a, "tickets/*"); status != http.StatusNoContent {
			t.Fatalf("%s: subscribe: %d %s", a, status, body)
		}
		clients[a] = c
	}

	raw := mustDo(t, srv, asUser, http.MethodPost, ticketsURL, map[string]any{
		"title":       "VPN drops every few minutes",
		"description": "Since this morning the VPN disconnects every few minutes and I lose the network drives.",
	})
	var created struct {
		ID     string `json:"id"`
		Triage string `json:"triage"`
	}
	if err := json.Unmarshal(raw, &created); err != nil || created.ID == "" {
		t.Fatalf("create: %s", raw)
	}
	if created.Triage != ticket.TriagePending {
		t.Errorf("the create answered with triage %q: it must not wait for the analysis", created.Triage)
	}

	for a, c := range clients {
		// PocketBase sends each event from its own goroutine, so they may
		// arrive out of order: collect until every state was seen
		want := []string{ticket.TriagePending, ticket.TriageAnalyzing, ticket.TriageAssigning, ticket.TriageDone}
		var states []string
		var last map[string]any
		for !containsAll(states, want) {
			e := c.nextRecordEvent(t)
			var m struct {
				Record map[string]any `json:"record"`
			}
			if err := json.Unmarshal([]byte(e.data), &m); err != nil {
				t.Fatalf("%s: event %s: %v", a, e.name, err)
			}
			if m.Record["id"] != created.ID {
				continue
			}
			if !a.staff() {
				for _, f := range ticket.StaffOnlyFields {
					if _, ok := m.Record[f]; ok || strings.Contains(e.data, `"`+f+`"`) {
						t.Errorf("%s: an event carries %s: %s", a, f, e.data)
					}
				}
			}
			state, _ := m.Record[ticket.FieldTriage].(string)
			states = append(states, state)
			if state == ticket.TriageDone {
				last = m.Record
			}
		}
		if len(states) != len(want) {
			t.Errorf("%s saw the triage states %v, want each of %v once", a, states, want)
		}
		// the networking and the vpn moderators both match; assign's
		// tests pin down which one wins
		if assignee := last[ticket.FieldAssignedTo]; (assignee != idMod && assignee != idAssigned) || last[ticket.FieldStatus] != ticket.StatusAssigned {
			t.Errorf("%s: the done event has assigned_to %v, status %v; want a moderator with the skill",
				a, assignee, last[ticket.FieldStatus])
		}
		if a.staff() {
			if notes, _ := last[ticket.FieldHelpfulNotes].(string); notes == "" {
				t.Errorf("%s: the done event lacks helpful_notes: %v", a, last)
			}
		}
	}
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}
