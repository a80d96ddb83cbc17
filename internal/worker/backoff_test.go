package worker_test

import (
	"testing"
	"time"

	"helpdesk/internal/worker"
)

func TestBackoff(t *testing.T) {
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
			got := worker.Backoff(tt.attempts, base, maxDelay, worker.Around)
			lo, hi := tt.nominal*8/10, tt.nominal*12/10
			if got < lo || got > hi {
				t.Fatalf("Backoff(%d, Around) = %v, want within ±20%% of %v", tt.attempts, got, tt.nominal)
			}
			got = worker.Backoff(tt.attempts, base, maxDelay, worker.Below)
			if got < tt.nominal/2 || got > tt.nominal {
				t.Fatalf("Backoff(%d, Below) = %v, want between half of %v and all of it", tt.attempts, got, tt.nominal)
			}
		}
	}
}
