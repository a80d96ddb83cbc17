package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/security"
	"helpdesk/internal/user"
	"helpdesk/migrations"
)

// serveMux builds the app's real router, with the serve hooks bound, as
// `helpdesk serve` does (minus the dashboard route, which e2e/ covers).
func serveMux(t testing.TB, app *tests.TestApp) http.Handler {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

func securityApp(t testing.TB) *tests.TestApp {
	app, _ := apptest.New(t, hooks.Config{
		Manual: true,
		Portal: fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>portal</title>")}},
	})
	return app
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	app := securityApp(t)
	requester := apptest.CreateUser(t, app, "u@example.com", "User", user.RoleUser)
	mux := serveMux(t, app)

	cases := []struct {
		name, method, path, proto string
		trustProxy                bool
		status                    int
		hsts                      bool
	}{
		{name: "portal page", method: "GET", path: "/", status: 200},
		{name: "portal missing file falls back", method: "GET", path: "/tickets/abc", status: 200},
		{name: "api health", method: "GET", path: "/api/health", status: 200},
		{name: "api error", method: "GET", path: "/api/collections/tickets/records/nope", status: 404},
		{name: "api unauthorized", method: "GET", path: "/api/helpdesk/stats", status: 401},
		{name: "https through a trusted proxy", method: "GET", path: "/api/health", proto: "https", trustProxy: true, status: 200, hsts: true},
		{name: "forwarded https without a trusted proxy", method: "GET", path: "/api/health", proto: "https", status: 200},
		{name: "plain http through a trusted proxy", method: "GET", path: "/", proto: "http", trustProxy: true, status: 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.trustProxy {
				app.Settings().TrustedProxy.Headers = []string{"X-Forwarded-For"}
			} else {
				app.Settings().TrustedProxy.Headers = nil
			}
			req := httptest.NewRequest(c.method, c.path, nil)
			if c.proto != "" {
				req.Header.Set("X-Forwarded-Proto", c.proto)
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, c.status, rec.Body)
			}
			h := rec.Header()
			for k, v := range map[string]string{
				"X-Content-Type-Options":     "nosniff",
				"X-Frame-Options":            "SAMEORIGIN",
				"Referrer-Policy":            "strict-origin-when-cross-origin",
				"Cross-Origin-Opener-Policy": "same-origin",
				"Content-Security-Policy":    security.DefaultCSP,
			} {
				if got := h.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if got := h.Get("Strict-Transport-Security"); (got != "") != c.hsts {
				t.Errorf("Strict-Transport-Security = %q, want present=%v", got, c.hsts)
			}
		})
	}

	t.Run("signed-in api response", func(t *testing.T) {
		req := httptest.NewRequest("GET", "/api/collections/users/records/"+requester.Id, nil)
		req.Header.Set("Authorization", apptest.Token(t, requester))
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Security-Policy") != security.DefaultCSP || rec.Header().Get("Referrer-Policy") == "" {
			t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
		}
	})
}

func TestRateLimitSettingsAfterMigration(t *testing.T) {
	app := apptest.NewApp(t)
	rl := app.Settings().RateLimits
	if !rl.Enabled {
		t.Fatal("rate limiter is off")
	}
	want := migrations.DefaultRateLimitRules()
	if len(rl.Rules) != len(want) {
		t.Fatalf("rules %v, want %v", rl.Rules, want)
	}
	for i := range want {
		if rl.Rules[i] != want[i] {
			t.Errorf("rule %d = %v, want %v", i, rl.Rules[i], want[i])
		}
	}
	if err := rl.Validate(); err != nil {
		t.Fatalf("rules do not validate (the dashboard could not save them): %v", err)
	}

	// auth is tighter than reads
	find := func(labels ...string) core.RateLimitRule {
		r, ok := rl.FindRateLimitRule(labels, core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceGuest)
		if !ok {
			t.Fatalf("no rule for %v", labels)
		}
		return r
	}
	perSecond := func(r core.RateLimitRule) float64 { return float64(r.MaxRequests) / float64(r.Duration) }
	read := find("tickets:list", "*:list", "GET /api/collections/tickets/records", "/api/collections/tickets/records")
	for _, labels := range [][]string{
		{"users:authWithPassword", "users:auth", "*:authWithPassword", "*:auth"},
		{"users:create", "*:create"},
		{"users:requestPasswordReset", "*:requestPasswordReset"},
		{"users:requestOTP", "*:requestOTP"},
		{"users:authWithOTP", "users:auth", "*:authWithOTP", "*:auth"},
	} {
		if r := find(labels...); perSecond(r) >= perSecond(read) {
			t.Errorf("%v: %v is not tighter than reads %v", labels, r, read)
		}
	}
}

func TestRateLimitPasswordLoginHammer(t *testing.T) {
	app := apptest.NewApp(t)
	apptest.CreateUser(t, app, "victim@example.com", "Victim", user.RoleUser)
	// the default window (30 per 10 s) is checked above; a long window here
	// keeps the hammer from outlasting it on a loaded machine
	s := app.Settings()
	for i, r := range s.RateLimits.Rules {
		if r.Label == "*:authWithPassword" {
			s.RateLimits.Rules[i].MaxRequests, s.RateLimits.Rules[i].Duration = 30, 3600
		}
	}
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	mux := serveMux(t, app)

	login := func(ip, identity, password string) *httptest.ResponseRecorder {
		return passwordLogin(mux, ip, identity, password)
	}

	// one guess for each of many names: no account is locked, the
	// address is
	var limited, failed int
	for i := range 40 {
		rec := login("203.0.113.7", fmt.Sprintf("guess%d@example.com", i), "wrong-guess")
		switch rec.Code {
		case http.StatusTooManyRequests:
			limited++
			var apiErr struct {
				Status  int            `json:"status"`
				Message string         `json:"message"`
				Data    map[string]any `json:"data"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &apiErr); err != nil || apiErr.Status != 429 || apiErr.Message == "" || apiErr.Data == nil {
				t.Fatalf("429 body is not PocketBase's JSON error: %s", rec.Body)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Error("429 response lacks the security headers")
			}
		case http.StatusBadRequest:
			failed++
		default:
			t.Fatalf("unexpected status %d: %s", rec.Code, rec.Body)
		}
	}
	if limited == 0 || failed == 0 {
		t.Fatalf("40 guesses: %d refused as wrong, %d rate limited; want both", failed, limited)
	}

	// the limit is per client address: another one still gets in
	if rec := login("198.51.100.9", "victim@example.com", apptest.Password); rec.Code != 200 {
		t.Fatalf("another address: status %d: %s", rec.Code, rec.Body)
	}
}

// passwordLogin signs in with a password from the client address ip.
func passwordLogin(mux http.Handler, ip, identity, password string) *httptest.ResponseRecorder {
	body := `{"identity":"` + identity + `","password":"` + password + `"}`
	req := httptest.NewRequest("POST", "/api/collections/users/auth-with-password", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = ip + ":4321"
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}
