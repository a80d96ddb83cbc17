package hooks_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
)

// newTicket saves a ticket by creator, assigned to assignee ("" none).
func newTicket(t testing.TB, app core.App, title, description, creator, assignee string) string {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Set(ticket.FieldTitle, title)
	r.Set(ticket.FieldDescription, description)
	r.Set(ticket.FieldCreatedBy, creator)
	r.Set(ticket.FieldAssignedTo, assignee)
	r.Set(ticket.FieldTriage, ticket.TriageDone)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r.Id
}

// TestSimilarTickets: the nearest tickets by their words, among those the
// caller may see, never the ticket itself; staff who may see the ticket
// only.
func TestSimilarTickets(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	// a desk where VPN trouble is a minority, as in life: bm25 gives
	// little weight to a word most documents have
	for i := range 30 {
		newTicket(t, app, "Desk lamp flickers in room "+strconv.Itoa(i), "The lamp on desk "+strconv.Itoa(i)+" flickers.", idOther, "")
	}
	vpn1 := newTicket(t, app, "VPN tunnel drops every hour", "The VPN tunnel drops hourly since the client update.", idUser, idAssigned)
	vpn2 := newTicket(t, app, "VPN tunnel keeps dropping", "My VPN tunnel drops after the update of the client.", idOther, idAssigned)
	vpn3 := newTicket(t, app, "Tunnel drops at home", "The VPN disconnects at home every hour.", idOther, "")
	coffee := newTicket(t, app, "Coffee machine leaks", "Water under the coffee machine on floor 2.", idOther, idAssigned)
	// a moderator's own ticket, not assigned to them: they see it
	vpnMod := newTicket(t, app, "VPN tunnel drops for me too", "VPN tunnel drops, client update.", idMod, "")
	srv := serve(t, app)

	similar := func(as actor, id string) (int, []string) {
		t.Helper()
		status, body := do(t, srv, as, http.MethodGet, "/api/helpdesk/tickets/"+id+"/similar", nil)
		if status != http.StatusOK {
			return status, nil
		}
		var res struct{ Items []struct{ ID string } }
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range res.Items {
			ids = append(ids, it.ID)
		}
		return status, ids
	}

	_, got := similar(asAdmin, vpn1)
	if len(got) != 3 || slices.Contains(got, vpn1) || slices.Contains(got, coffee) {
		t.Errorf("admin: %v, want the three other VPN tickets, neither vpn1 nor the coffee machine", got)
	}
	for _, id := range []string{vpn2, vpn3, vpnMod} {
		if !slices.Contains(got, id) {
			t.Errorf("admin: %s missing from %v", id, got)
		}
	}

	// the assigned moderator: only the tickets assigned to them
	_, got = similar(asAssigned, vpn1)
	if !slices.Equal(got, []string{vpn2}) {
		t.Errorf("assigned moderator: %v, want only %s", got, vpn2)
	}
	// a moderator who may not see the ticket: 404, as its view
	if status, _ := similar(asModerator, vpn1); status != http.StatusNotFound {
		t.Errorf("moderator on another's ticket: %d", status)
	}
	// a moderator on their own ticket: none of the others' tickets
	if _, got = similar(asModerator, vpnMod); len(got) != 0 {
		t.Errorf("moderator on their ticket: %v", got)
	}
	for a, want := range map[actor]int{anonymous: http.StatusUnauthorized, asUser: http.StatusForbidden, asSuperuser: http.StatusOK} {
		if status, _ := similar(a, vpn1); status != want {
			t.Errorf("%s: %d, want %d", a, status, want)
		}
	}
	// five at most
	for range 4 {
		newTicket(t, app, "VPN tunnel drops hourly", "VPN tunnel drops after the client update.", idOther, "")
	}
	if _, got = similar(asAdmin, vpn1); len(got) != 5 {
		t.Errorf("admin with seven similar tickets: %d given, want 5", len(got))
	}
	if status, _ := similar(asAdmin, "nosuchticket000"); status != http.StatusNotFound {
		t.Errorf("unknown ticket: %d", status)
	}
}
