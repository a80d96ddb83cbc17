package cli_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/assign"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

func holders(t *testing.T, app core.App) map[string]int {
	t.Helper()
	staff, err := assign.Staff(app)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range staff {
		out[s.Name] = s.Load
	}
	return out
}

// TestRebalance: six vpn tickets all held by one moderator because the
// other two joined later, one of them assigned by hand, one held by a
// moderator who is away, one nobody holds. A dry run prints the moves and
// changes nothing; the run makes them, each an assigned event with its
// reason.
func TestRebalance(t *testing.T) {
	app := apptest.NewApp(t)
	requester := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser)
	ann := apptest.CreateUser(t, app, "ann@example.com", "Ann", user.RoleModerator, "vpn")
	apptest.CreateUser(t, app, "bob@example.com", "Bob", user.RoleModerator, "vpn")
	apptest.CreateUser(t, app, "cyd@example.com", "Cyd", user.RoleModerator, "vpn")
	gone := apptest.CreateUser(t, app, "gone@example.com", "Gone", user.RoleModerator, "vpn")
	vpn := func(title, holder string) *core.Record {
		status := ticket.StatusAssigned
		if holder == "" {
			status = ticket.StatusTodo
		}
		return apptest.CreateTicket(t, app, requester, title, map[string]any{
			ticket.FieldAssignedTo: holder, ticket.FieldStatus: status, ticket.FieldTriage: ticket.TriageDone,
			ticket.FieldRelatedSkills: []string{"vpn"},
		})
	}
	for i := range 5 {
		vpn(fmt.Sprintf("Routed %d", i), ann.Id)
	}
	byHand := vpn("Chosen", "")
	byHand.Set(ticket.FieldAssignedTo, ann.Id)
	history.SetReason(byHand, assign.ByHand)
	if err := app.Save(byHand); err != nil {
		t.Fatal(err)
	}
	waiting := vpn("Waiting", "")
	awayHeld := vpn("Held while away", gone.Id)
	gone.Set(user.FieldAway, true)
	if err := app.Save(gone); err != nil {
		t.Fatal(err)
	}
	// the away moderator's ticket was handed over: give it back as if by hand
	if _, err := app.DB().Update(ticket.Collection, dbx.Params{ticket.FieldAssignedTo: gone.Id}, dbx.HashExp{"id": awayHeld.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	before := holders(t, app)

	out, err := runTriage(t, app, "rebalance", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Would move 5 ticket(s).") {
		t.Fatalf("dry run:\n%s", out)
	}
	if got := holders(t, app); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Fatalf("the dry run moved tickets: %v, was %v", got, before)
	}

	out, err = runTriage(t, app, "rebalance")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Moved 5 ticket(s).") || !strings.Contains(out, "Ann ("+ann.Id+") -> ") || !strings.Contains(out, "nobody -> ") {
		t.Fatalf("run:\n%s", out)
	}
	got := holders(t, app)
	if got["Ann"] != 3 || got["Bob"] != 2 || got["Cyd"] != 2 || got["Gone"] != 1 {
		t.Errorf("after the rebalance: %v; want Ann 3 (one by hand), Bob 2, Cyd 2, Gone 1", got)
	}
	for _, id := range []string{byHand.Id} {
		if r, _ := app.FindRecordById(ticket.Collection, id); r.GetString(ticket.FieldAssignedTo) != ann.Id {
			t.Errorf("the ticket assigned by hand moved")
		}
	}
	w, _ := app.FindRecordById(ticket.Collection, waiting.Id)
	if w.GetString(ticket.FieldAssignedTo) == "" || w.GetString(ticket.FieldStatus) != ticket.StatusAssigned {
		t.Errorf("the waiting ticket: %q %s", w.GetString(ticket.FieldAssignedTo), w.GetString(ticket.FieldStatus))
	}
	var reasons []string
	if err := app.DB().Select("reason").From(history.Collection).
		Where(dbx.NewExp("kind = 'assigned' AND reason LIKE 'rebalance: %'")).Column(&reasons); err != nil {
		t.Fatal(err)
	}
	if len(reasons) != 5 || !strings.HasPrefix(reasons[0], "rebalance: skills vpn; load ") {
		t.Errorf("assigned events of the rebalance: %q", reasons)
	}

	// balanced now: nothing moves for nothing
	if out, err := runTriage(t, app, "rebalance"); err != nil || !strings.Contains(out, "Moved 0 ticket(s).") {
		t.Errorf("a second rebalance: %v\n%s", err, out)
	}
}
