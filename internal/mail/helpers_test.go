package mail_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
)

// fast is a sender config whose retries come within milliseconds.
func fast(log *slog.Logger) mail.Config {
	return mail.Config{
		MaxAttempts:   3,
		RetryBase:     5 * time.Millisecond,
		RetryMax:      20 * time.Millisecond,
		SweepInterval: 10 * time.Millisecond,
		SendTimeout:   5 * time.Second,
		Logger:        log,
	}
}

// startSender runs a sender for the test.
func startSender(t *testing.T, app core.App, cfg mail.Config) *mail.Sender {
	t.Helper()
	s := mail.NewSender(app, cfg)
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// record reloads an outbox record.
func record(t *testing.T, app core.App, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(mail.Collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// logs records what the sender logs.
type logs struct {
	mu      sync.Mutex
	records []slog.Record
}

func (l *logs) Enabled(context.Context, slog.Level) bool { return true }
func (l *logs) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, r)
	return nil
}
func (l *logs) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logs) WithGroup(string) slog.Handler      { return l }

// count counts the records whose message contains substr.
func (l *logs) count(substr string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.records {
		if strings.Contains(r.Message, substr) {
			n++
		}
	}
	return n
}

func (l *logs) logger() *slog.Logger { return slog.New(l) }
