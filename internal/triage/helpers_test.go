package triage_test

import (
	"bytes"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/apptest"
	"helpdesk/hooks"
	"helpdesk/internal/gemini"
	"helpdesk/internal/ticket"
	"helpdesk/internal/triage"
)

// patience bounds every wait; it decides when a test gives up, never
// whether it passes.
const patience = 30 * time.Second

// waitFor polls cond until it holds or patience runs out.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s after %s", what, patience)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// fastConfig retries within milliseconds; gemini is used when url is set.
func fastConfig(url string, log io.Writer) triage.Config {
	if log == nil {
		log = io.Discard
	}
	cfg := triage.Config{
		Workers:       4,
		SweepInterval: time.Hour, // only the wake-ups and the start look at the queue
		MaxAttempts:   2,
		RetryDelay:    time.Millisecond,
		Logger:        slog.New(slog.NewTextHandler(log, nil)),
	}
	if url != "" {
		cfg.Gemini = gemini.Config{
			APIKey:         "test-key",
			BaseURL:        url,
			MaxAttempts:    2,
			AttemptTimeout: 5 * time.Second,
			RetryBase:      time.Millisecond,
			RetryMax:       time.Second,
		}
	}
	return cfg
}

// startPool returns a test app whose triage runs with cfg, its pool
// started as serving would; the pool stops with the test.
func startPool(t testing.TB, cfg triage.Config) *tests.TestApp {
	t.Helper()
	app, _ := startPoolIn(t, t.TempDir(), cfg)
	return app
}

// startPoolIn is startPool on a given data dir, returning the pool too.
func startPoolIn(t testing.TB, dataDir string, cfg triage.Config) (*tests.TestApp, *triage.Pool) {
	t.Helper()
	app, svc := apptest.Open(t, dataDir, hooks.Config{Triage: cfg, Manual: true})
	svc.Triage.Start()
	return app, svc.Triage
}

// load reads a ticket back.
func load(t testing.TB, app core.App, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(ticket.Collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// waitTriage waits until the ticket's triage is state.
func waitTriage(t testing.TB, app core.App, id, state string) *core.Record {
	t.Helper()
	var r *core.Record
	waitFor(t, "ticket "+id+" to reach triage "+state, func() bool {
		r = load(t, app, id)
		return r.GetString(ticket.FieldTriage) == state
	})
	return r
}

// logBuffer collects logs from several goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
