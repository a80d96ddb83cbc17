package search_test

import (
	"reflect"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/comment"
	"helpdesk/internal/search"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// TestFindOwnPlans: a caller's search gives the same page whether it is
// driven by their tickets (few) or by the index (many).
func TestFindOwnPlans(t *testing.T) {
	app := apptest.NewApp(t)
	uma := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser)
	mod := apptest.CreateUser(t, app, "mo@example.com", "Mo", user.RoleModerator)
	other := apptest.CreateUser(t, app, "otto@example.com", "Otto", user.RoleUser)
	comments, err := app.FindCollectionByNameOrId(comment.Collection)
	if err != nil {
		t.Fatal(err)
	}
	note := func(tk *core.Record, body string, internal bool) {
		r := core.NewRecord(comments)
		r.Set(comment.FieldTicket, tk.Id)
		r.Set(comment.FieldAuthor, mod.Id)
		r.Set(comment.FieldBody, body)
		r.Set(comment.FieldInternal, internal)
		r.Set(comment.FieldSource, comment.SourceWeb)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	a := apptest.CreateTicket(t, app, uma, "VPN drops", map[string]any{ticket.FieldAssignedTo: mod.Id})
	note(a, "walrus vpn note", true)
	b := apptest.CreateTicket(t, app, mod, "VPN for the moderator", nil)
	note(b, "walrus vpn note", true)
	apptest.CreateTicket(t, app, other, "VPN for someone else", nil)
	apptest.CreateTicket(t, app, uma, "Printer", map[string]any{ticket.FieldStatus: ticket.StatusDone})

	for _, c := range []struct {
		who  *core.Record
		q    string
		f    search.Filters
		want int
	}{
		{mod, `"vpn"*`, search.Filters{}, 2},    // assigned (full) and own (public)
		{mod, `"walrus"*`, search.Filters{}, 1}, // the note of the assigned ticket only
		{mod, `"vpn"*`, search.Filters{AssignedTo: mod.Id}, 1},
		{uma, `"vpn"*`, search.Filters{}, 1},
		{uma, `"walrus"*`, search.Filters{}, 0},
		{other, `"vpn"*`, search.Filters{}, 1},
	} {
		caller := search.Caller{ID: c.who.Id}
		probed, err := search.Find(app, caller, c.q, c.f, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		restore := search.SetOwnProbeMax(0)
		scanned, err := search.Find(app, caller, c.q, c.f, 1, 10)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if probed.TotalItems != c.want || !reflect.DeepEqual(probed, scanned) {
			t.Errorf("%s %s: ticket-driven %+v, index-driven %+v, want %d", c.who.GetString("name"), c.q, probed, scanned, c.want)
		}
	}
}
