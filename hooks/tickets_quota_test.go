package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"helpdesk/hooks"
	"helpdesk/internal/security"
)

func TestTicketCreationLimitPerUser(t *testing.T) {
	app, _ := newAppWith(t, hooks.Config{Manual: true, Security: security.Config{TicketsPerUserPerHour: 3}})
	mux := serveMux(t, app)
	create := func(as actor, n int) *httptest.ResponseRecorder {
		body := fmt.Sprintf(`{"title":"Problem number %d","description":"It broke."}`, n)
		req := httptest.NewRequest("POST", "/api/collections/tickets/records", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range authHeaders(t, as) {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec
	}

	// the seeded user already has two tickets, created just now
	if rec := create(asUser, 1); rec.Code != http.StatusOK {
		t.Fatalf("third ticket: %d %s", rec.Code, rec.Body)
	}
	rec := create(asUser, 2)
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "3 tickets in the last hour") {
		t.Fatalf("fourth ticket: %d %s, want 429 with the reason", rec.Code, rec.Body)
	}
	// another account behind the same address is not limited by it
	if rec := create(asOther, 1); rec.Code != http.StatusOK {
		t.Fatalf("another user: %d %s", rec.Code, rec.Body)
	}
	// staff are not limited
	for i := range 5 {
		if rec := create(asModerator, i); rec.Code != http.StatusOK {
			t.Fatalf("moderator's ticket %d: %d %s", i, rec.Code, rec.Body)
		}
	}
}
