package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"helpdesk/apptest"
	"helpdesk/hooks"
)

func TestLoginLockPerAccount(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	app, _ := newAppWith(t, hooks.Config{Manual: true, Clock: func() time.Time { return now }})
	mux := serveMux(t, app)

	login := func(ip, identity, password string) *httptest.ResponseRecorder {
		return passwordLogin(mux, ip, identity, password)
	}
	expect := func(rec *httptest.ResponseRecorder, status int, what string) {
		t.Helper()
		if rec.Code != status {
			t.Fatalf("%s: status %d, want %d: %s", what, rec.Code, status, rec.Body)
		}
		if status == http.StatusTooManyRequests && !strings.Contains(rec.Body.String(), "failed logins for this account") {
			t.Fatalf("%s: not the account lock: %s", what, rec.Body)
		}
	}
	const shared = "203.0.113.7"

	// five wrong passwords from a shared address lock that account only
	for range 5 {
		expect(login(shared, "user@example.com", "wrong"), http.StatusBadRequest, "a wrong password")
	}
	expect(login(shared, "user@example.com", "wrong"), http.StatusTooManyRequests, "a sixth guess")
	expect(login(shared, "other@example.com", apptest.Password), http.StatusOK, "another account behind the same address")
	// the lock holds from any address, even with the right password
	expect(login("198.51.100.1", "user@example.com", apptest.Password), http.StatusTooManyRequests, "the owner from elsewhere while locked")

	// progressive: after the first minute, one more wrong guess locks it for two
	now = now.Add(time.Minute + time.Second)
	expect(login(shared, "user@example.com", "wrong"), http.StatusBadRequest, "a guess after the lock")
	now = now.Add(time.Minute + 50*time.Second)
	expect(login(shared, "user@example.com", apptest.Password), http.StatusTooManyRequests, "within the doubled lock")
	now = now.Add(20 * time.Second)
	expect(login(shared, "user@example.com", apptest.Password), http.StatusOK, "after the doubled lock")
	// a success clears the count
	expect(login(shared, "user@example.com", "wrong"), http.StatusBadRequest, "a new first wrong password")

	// guesses spread over many addresses count for the account
	for i := range 5 {
		expect(login("192.0.2."+string(rune('1'+i)), "mod@example.com", "wrong"), http.StatusBadRequest, "a spread guess")
	}
	expect(login("192.0.2.200", "mod@example.com", apptest.Password), http.StatusTooManyRequests, "after spread guesses")

	// an unknown name locks the same way: the lock tells nothing of which accounts exist
	for range 5 {
		expect(login(shared, "nobody@example.com", "wrong"), http.StatusBadRequest, "an unknown name")
	}
	expect(login(shared, "nobody@example.com", "wrong"), http.StatusTooManyRequests, "an unknown name, sixth time")
}
