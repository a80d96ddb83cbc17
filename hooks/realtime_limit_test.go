package hooks_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/security"
)

// openStream opens /api/realtime as a client at ip (through the trusted
// proxy header) and returns the status and the function that closes it.
func openStream(t *testing.T, srv *httptest.Server, ip string) (int, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/realtime", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Forwarded-For", ip)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		cancel()
		return res.StatusCode, func() {}
	}
	// the stream is open once PocketBase sent PB_CONNECT
	buf := make([]byte, 512)
	if n, err := res.Body.Read(buf); err != nil || !strings.Contains(string(buf[:n]), "PB_CONNECT") {
		t.Fatalf("no PB_CONNECT: %q %v", buf[:n], err)
	}
	t.Cleanup(cancel)
	return res.StatusCode, func() { cancel(); res.Body.Close() }
}

func TestRealtimeConnectionLimits(t *testing.T) {
	app, _ := newAppWith(t, hooks.Config{Manual: true, Security: security.Config{RealtimeMaxConnections: 4, RealtimeMaxPerIP: 2}})
	app.Settings().TrustedProxy.Headers = []string{"X-Forwarded-For"}
	srv := serve(t, app)

	mustOpen := func(ip string) func() {
		t.Helper()
		status, closeFn := openStream(t, srv, ip)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", ip, status)
		}
		return closeFn
	}
	first := mustOpen("203.0.113.1")
	mustOpen("203.0.113.1")
	if status, _ := openStream(t, srv, "203.0.113.1"); status != http.StatusTooManyRequests {
		t.Fatalf("third from one address: status %d, want 429", status)
	}
	mustOpen("203.0.113.2")
	mustOpen("203.0.113.3")
	if status, _ := openStream(t, srv, "203.0.113.4"); status != http.StatusServiceUnavailable {
		t.Fatalf("fifth in total: status %d, want 503", status)
	}

	// at the cap, health and logins still answer
	if status, body := do(t, srv, anonymous, http.MethodGet, "/api/health", nil); status != http.StatusOK {
		t.Fatalf("health at the cap: %d %s", status, body)
	}
	if status, body := do(t, srv, anonymous, http.MethodPost, "/api/collections/users/auth-with-password",
		map[string]string{"identity": "user@example.com", "password": apptest.Password}); status != http.StatusOK {
		t.Fatalf("login at the cap: %d %s", status, body)
	}

	// a closed stream frees its place (the server notices the close on
	// its own time: wait for it, bounded)
	first()
	deadline := time.Now().Add(patience)
	for {
		status, _ := openStream(t, srv, "203.0.113.1")
		if status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed stream never freed its place: %d", status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
