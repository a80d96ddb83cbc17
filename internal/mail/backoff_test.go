package mail_test

import (
	"testing"
	"time"

	"helpdesk/internal/mail"
)

func TestMailBackoff(t *testing.T) {
	base, maxDelay := 30*time.Second, time.Hour
	tests := []struct {
		attempts int
		nominal  time.Duration
	}{
		{1, 30 * time.Second},
		{2, time.Minute},
		{3, 2 * time.Minute},
		{7, 32 * time.Minute},
		{8, time.Hour},
		{40, time.Hour},
	}
	for _, tt := range tests {
		for range 50 {
			got := mail.Backoff(tt.attempts, base, maxDelay)
			lo, hi := tt.nominal*8/10, tt.nominal*12/10
			if got < lo || got > hi {
				t.Fatalf("Backoff(%d) = %v, want within ±20%% of %v", tt.attempts, got, tt.nominal)
			}
		}
	}
}
