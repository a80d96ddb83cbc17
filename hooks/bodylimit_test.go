package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"helpdesk/apptest"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// unsized hides the length of a body so that only reading it can tell.
type unsized struct{ r *strings.Reader }

func (u unsized) Read(p []byte) (int, error) { return u.r.Read(p) }

func TestBodyLimitTickets(t *testing.T) {
	app := apptest.NewApp(t)
	requester := apptest.CreateUser(t, app, "u@example.com", "User", user.RoleUser)
	admin := apptest.CreateUser(t, app, "a@example.com", "Admin", user.RoleAdmin)
	existing := apptest.CreateTicket(t, app, requester, "Printer is broken", nil)
	mux := serveMux(t, app)
	tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}

	padded := func(desc string, pad int) string {
		return `{"title":"A fitting title","description":"` + desc + `","pad":"` + strings.Repeat("x", pad) + `"}`
	}
	// the longest valid description, every character escaped by a Go client
	longest := strings.Repeat(`\u003c`, ticket.DescriptionMax)

	cases := []struct {
		name, method, path, token, body string
		hideLength                      bool
		status                          int
	}{
		{name: "create that fits", method: "POST", path: "/api/collections/tickets/records", token: apptest.Token(t, requester), body: `{"title":"Mail is down","description":"Since 9am."}`, status: 200},
		{name: "create with the longest escaped description", method: "POST", path: "/api/collections/tickets/records", token: apptest.Token(t, requester), body: `{"title":"Long one","description":"` + longest + `"}`, status: 200},
		{name: "create of 1 MB", method: "POST", path: "/api/collections/tickets/records", token: apptest.Token(t, requester), body: padded("x", 1<<20), status: 413},
		{name: "create of 1 MB without a length", method: "POST", path: "/api/collections/tickets/records", token: apptest.Token(t, requester), body: padded("x", 1<<20), hideLength: true, status: 413},
		{name: "create by collection id", method: "POST", path: "/api/collections/" + tickets.Id + "/records", token: apptest.Token(t, requester), body: padded("x", 1<<20), status: 413},
		{name: "anonymous 1 MB", method: "POST", path: "/api/collections/tickets/records", body: padded("x", 1<<20), status: 413},
		{name: "update of 1 MB", method: "PATCH", path: "/api/collections/tickets/records/" + existing.Id, token: apptest.Token(t, admin), body: padded("x", 1<<20), status: 413},
		{name: "update of 1 MB without a length", method: "PATCH", path: "/api/collections/tickets/records/" + existing.Id, token: apptest.Token(t, admin), body: padded("x", 1<<20), hideLength: true, status: 413},
		{name: "update that fits", method: "PATCH", path: "/api/collections/tickets/records/" + existing.Id, token: apptest.Token(t, admin), body: `{"helpful_notes":"` + strings.Repeat("n", 20000) + `"}`, status: 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, err := app.CountRecords(ticket.Collection)
			if err != nil {
				t.Fatal(err)
			}
			var req *http.Request
			if c.hideLength {
				req = httptest.NewRequest(c.method, c.path, unsized{strings.NewReader(c.body)})
			} else {
				req = httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
			}
			req.Header.Set("Content-Type", "application/json")
			if c.token != "" {
				req.Header.Set("Authorization", c.token)
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, c.status, rec.Body)
			}
			after, err := app.CountRecords(ticket.Collection)
			if err != nil {
				t.Fatal(err)
			}
			if c.status == 413 {
				if !strings.Contains(rec.Body.String(), `"status":413`) {
					t.Errorf("not PocketBase's JSON error: %.300s", rec.Body)
				}
				if after != before {
					t.Errorf("tickets %d → %d after a refused write", before, after)
				}
			}
		})
	}

	// other collections keep PocketBase's limits
	body := `{"name":"` + strings.Repeat("y", 1<<20) + `"}`
	req := httptest.NewRequest("PATCH", "/api/collections/users/records/"+requester.Id, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", apptest.Token(t, requester))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"name"`) {
		t.Fatalf("users update of 1 MB: status %d, want the field error 400: %.300s", rec.Code, rec.Body)
	}
}
