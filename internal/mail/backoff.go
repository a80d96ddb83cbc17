package mail

import (
	"math/rand/v2"
	"time"
)

// Backoff returns the delay before the next attempt of a mail that has
// failed attempts times: base doubled per earlier failure, capped at max,
// then spread by ±20% so that mails queued together do not retry in step.
func Backoff(attempts int, base, maxDelay time.Duration) time.Duration {
	d := base
	for i := 1; i < attempts && d < maxDelay; i++ {
		d *= 2
	}
	d = min(d, maxDelay)
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}
