package cli_test

import (
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
)

// TestServeCORS runs the real serve command and asks it, as browsers on
// other sites would, whether they may read its answers.
func TestServeCORS(t *testing.T) {
	cases := []struct {
		name      string
		args      []string
		origin    string
		wantAllow string
	}{
		{name: "default: another site", origin: "https://evil.example"},
		{name: "default: a null origin", origin: "null"},
		{name: "--origins names a front-end", args: []string{"--origins", "https://intranet.example.com"}, origin: "https://intranet.example.com", wantAllow: "https://intranet.example.com"},
		{name: "--origins: another site still not", args: []string{"--origins", "https://intranet.example.com"}, origin: "https://evil.example"},
		{name: "--origins '*' opens it", args: []string{"--origins", "*"}, origin: "https://evil.example", wantAllow: "*"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := apptest.NewApp(t)
			base := startServe(t, app, c.args...)
			for _, method := range []string{http.MethodGet, http.MethodOptions} {
				req, _ := http.NewRequest(method, base+"/api/health", nil)
				req.Header.Set("Origin", c.origin)
				req.Header.Set("Access-Control-Request-Method", http.MethodPost)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if got := res.Header.Get("Access-Control-Allow-Origin"); got != c.wantAllow {
					t.Errorf("%s: Access-Control-Allow-Origin %q, want %q", method, got, c.wantAllow)
				}
			}
		})
	}
}

// startServe runs `serve` on a free loopback port until the test ends.
func startServe(t *testing.T, app core.App, args ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	done := make(chan error, 1)
	go func() {
		_, err := apptest.RunCommand(t, cli.NewServeCommand(app), append([]string{"--http", addr}, args...)...)
		done <- err
	}()
	t.Cleanup(func() {
		_ = app.OnTerminate().Trigger(&core.TerminateEvent{App: app})
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second) // patience, never the verdict
	for {
		res, err := http.Get(base + "/api/health")
		if err == nil {
			res.Body.Close()
			return base
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never answered: %v", err)
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
