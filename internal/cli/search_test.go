package cli_test

import (
	"strings"
	"testing"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
	"helpdesk/internal/search"
	"helpdesk/internal/user"
)

// TestSearchReindex: `helpdesk search reindex` rebuilds an index that
// lost documents (written around the hooks, as a raw import would).
func TestSearchReindex(t *testing.T) {
	t.Parallel()
	app := apptest.NewApp(t)
	u := apptest.CreateUser(t, app, "uma@example.com", "Uma", user.RoleUser)
	apptest.CreateTicket(t, app, u, "Printer jammed", nil)
	apptest.CreateTicket(t, app, u, "VPN drops", nil)
	if _, err := app.DB().NewQuery(`DELETE FROM ` + search.FullTable).Execute(); err != nil {
		t.Fatal(err)
	}
	out, err := apptest.RunCommand(t, cli.NewSearchCommand(app), "reindex")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Indexed 2 tickets") {
		t.Errorf("output: %q", out)
	}
	page, err := search.Find(app, search.Caller{ID: "x", Admin: true}, `"vpn"*`, search.Filters{}, 1, 10)
	if err != nil || page.TotalItems != 1 {
		t.Errorf("after reindex: %+v %v", page, err)
	}
}
