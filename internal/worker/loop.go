// Package worker is the one shape of Helpdesk's long-running work (the
// triage pipeline, the mail sender, and later an inbound mail poller and
// an SLA watcher): the database is the queue, so a Loop only has to look
// at it at the right moments and hand what it finds to a few goroutines.
//
// A Loop runs a sweep in its own goroutine when it starts, whenever it is
// woken (something was written that needs work) and when the sweep's own
// wait runs out, which catches work nobody woke it for: rows written by
// another process, retries that became due. The sweep either does the work
// itself or submits jobs to N workers over an unbuffered channel, after
// Miniflux's worker pool. Stop cancels the loop's context and waits for
// every goroutine; it comes after the HTTP server has stopped, so no
// request wakes a stopped loop into work.
package worker

import (
	"context"
	"sync"
	"time"
)

// DefaultInterval is the Interval of a Config that sets none.
const DefaultInterval = 30 * time.Second

// Config describes a Loop whose jobs are of type J (for example a record
// id). The zero value of every field but Sweep means its default.
type Config[J any] struct {
	// Sweep looks at the queue. It runs in the loop's goroutine, never
	// twice at once, and may hand jobs to the workers with Loop.Submit.
	// ctx is cancelled by Stop. It returns how long the loop may sleep
	// before the next sweep when nothing wakes it: capped at Interval,
	// and zero or less means "sweep again at once" (a full batch may hide
	// more work).
	Sweep func(ctx context.Context) time.Duration

	// Work handles one job given to Submit, in one of the Workers
	// goroutines; ctx is cancelled by Stop. Nil when Sweep does the work
	// itself.
	Work func(ctx context.Context, job J)

	// Workers is how many goroutines run Work. Default 1 when Work is
	// set; without Work there are none.
	Workers int

	// Interval is the longest sleep between two sweeps. Default 30s.
	Interval time.Duration
}

// Loop is a sweep goroutine and its workers. Start it once and Stop it
// once; it cannot be restarted. Wake, Start and Stop are safe to call from
// any goroutine, more than once, in any order.
type Loop[J any] struct {
	cfg  Config[J]
	jobs chan J
	wake chan struct{}

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	started bool
	stopped bool
}

// New returns a stopped loop. It panics without cfg.Sweep.
func New[J any](cfg Config[J]) *Loop[J] {
	if cfg.Sweep == nil {
		panic("worker: a loop needs a Sweep")
	}
	if cfg.Work == nil {
		cfg.Workers = 0
	} else if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	l := &Loop[J]{
		cfg:  cfg,
		jobs: make(chan J),
		wake: make(chan struct{}, 1),
	}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	return l
}

// Start runs the sweep goroutine and the workers. It reports whether this
// call started them: false when the loop already runs or was stopped.
func (l *Loop[J]) Start() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.started || l.stopped {
		return false
	}
	l.started = true
	l.wg.Add(l.cfg.Workers + 1)
	for range l.cfg.Workers {
		go l.work()
	}
	go l.sweep()
	return true
}

// Stop cancels the loop's context and waits until the sweep and every
// worker have returned; what they do with the cancellation (give up, or
// finish the attempt in flight) is theirs to decide. Before Start it only
// makes sure the loop never starts. Every call returns once the loop has
// stopped.
func (l *Loop[J]) Stop() {
	l.mu.Lock()
	l.stopped = true
	l.mu.Unlock()
	l.cancel()
	l.wg.Wait()
}

// Wake asks for a sweep now. It never blocks: wakes that come while one
// is pending are one wake, and a sweep already running is followed by one
// more.
func (l *Loop[J]) Wake() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Submit hands job to a free worker, waiting for one. It reports false,
// without handing it, once the loop is stopping. Without Work it waits
// until Stop.
func (l *Loop[J]) Submit(job J) bool {
	select {
	case l.jobs <- job:
		return true
	case <-l.ctx.Done():
		return false
	}
}

func (l *Loop[J]) sweep() {
	defer l.wg.Done()
	timer := time.NewTimer(l.cfg.Interval)
	defer timer.Stop()
	for l.ctx.Err() == nil {
		wait := l.cfg.Sweep(l.ctx)
		if wait <= 0 {
			continue
		}
		timer.Reset(min(wait, l.cfg.Interval))
		select {
		case <-l.ctx.Done():
		case <-l.wake:
		case <-timer.C:
		}
	}
}

func (l *Loop[J]) work() {
	defer l.wg.Done()
	for {
		select {
		case <-l.ctx.Done():
			return
		case job := <-l.jobs:
			l.cfg.Work(l.ctx, job)
		}
	}
}
