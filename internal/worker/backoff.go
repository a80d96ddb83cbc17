package worker

import (
	"math/rand/v2"
	"time"
)

// Jitter spreads a retry delay: the delay is multiplied by a factor drawn
// uniformly from [Low, High], so that jobs failing together do not retry
// in step.
type Jitter struct{ Low, High float64 }

// Spreads of Backoff.
var (
	// Around spreads the delay ±20%; it may exceed the cap by as much.
	Around = Jitter{Low: 0.8, High: 1.2}
	// Below keeps half the delay and draws the other half ("equal
	// jitter"): the delay never exceeds the cap.
	Below = Jitter{Low: 0.5, High: 1}
)

// Backoff is the delay before the next attempt of a job that has failed
// attempts times in a row: base doubled per earlier failure, capped at
// maxDelay, then spread by jitter.
func Backoff(attempts int, base, maxDelay time.Duration, jitter Jitter) time.Duration {
	d := base
	for i := 1; i < attempts && d < maxDelay; i++ {
		d *= 2
	}
	d = min(d, maxDelay)
	f := jitter.Low + (jitter.High-jitter.Low)*rand.Float64()
	return time.Duration(float64(d) * f)
}
