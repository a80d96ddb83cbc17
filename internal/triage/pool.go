// Package triage is the durable triage pipeline. The tickets table is the
// queue: a ticket waits while its triage field is pending, analyzing or
// assigning. A small pool of workers takes each waiting ticket through
// analyzing → assigning → done, saving after each step through the app so
// that the model hooks run and realtime subscribers see every step, and
// never overwriting a value staff changed in the meantime.
package triage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/analysis"
	"helpdesk/internal/builtin"
	"helpdesk/internal/gemini"
	"helpdesk/internal/worker"
)

// sweepBatch is how many waiting tickets one look at the queue returns.
const sweepBatch = 100

// Pool is the worker pool: a worker.Loop whose sweep finds waiting tickets
// (when woken and every SweepInterval) and hands them to N workers. Start
// it once, Stop it once; it is not restartable.
type Pool struct {
	app      core.App
	cfg      Config
	log      *slog.Logger
	primary  analysis.Analyzer // nil: the fallback is the only analyzer
	fallback analysis.Analyzer
	// loop's context is cancelled by Stop: it ends the analyses in flight,
	// whose tickets stay where they are and are resumed at the next start.
	loop *worker.Loop[string]

	mu sync.Mutex
	// inFlight holds the tickets a worker has or is about to get.
	inFlight map[string]bool
}

// New returns a pool for app. Without cfg.Analyzer it analyses with Gemini
// when cfg.Gemini.APIKey is set, with the builtin analyzer otherwise.
func New(app core.App, cfg Config) (*Pool, error) {
	cfg = cfg.withDefaults()
	p := &Pool{
		app:      app,
		cfg:      cfg,
		log:      cfg.Logger,
		primary:  cfg.Analyzer,
		fallback: cfg.Fallback,
		inFlight: map[string]bool{},
	}
	if p.log == nil {
		p.log = app.Logger()
	}
	if p.fallback == nil {
		b, err := builtin.NewWithOptions(cfg.Builtin)
		if err != nil {
			return nil, fmt.Errorf("triage: %w", err)
		}
		p.fallback = b
	}
	if p.primary == nil && cfg.Gemini.APIKey != "" {
		gcfg := cfg.Gemini
		if gcfg.Logger == nil {
			gcfg.Logger = p.log
		}
		g, err := gemini.New(gcfg)
		if err != nil {
			return nil, fmt.Errorf("triage: %w", err)
		}
		p.primary = g
	}
	p.loop = worker.New(worker.Config[string]{
		Sweep:    p.sweep,
		Work:     p.work,
		Workers:  cfg.Workers,
		Interval: cfg.SweepInterval,
	})
	return p, nil
}

// Analyzer is the name of the primary analyzer, for the logs.
func (p *Pool) Analyzer() string {
	if p.primary != nil {
		return p.primary.Name()
	}
	return p.fallback.Name()
}

// Start starts the dispatcher and the workers. The first look at the
// queue resumes the tickets a previous run left waiting.
func (p *Pool) Start() {
	if p.loop.Start() {
		p.log.Info("triage: started", slog.Int("workers", p.cfg.Workers), slog.String("analyzer", p.Analyzer()))
	}
}

// Wake makes the dispatcher look at the queue now (a ticket was created
// or requeued). It never blocks.
func (p *Pool) Wake() { p.loop.Wake() }

// Stop cancels the analyses in flight, lets the workers finish their
// current save and waits for them. Safe to call more than once.
func (p *Pool) Stop() { p.loop.Stop() }

// sweep hands the waiting tickets no worker holds to the workers, oldest
// first. A full batch may hide more work: then it asks to look again at
// once.
func (p *Pool) sweep(context.Context) time.Duration {
	ids, err := Waiting(p.app, sweepBatch)
	if err != nil {
		p.log.Error("triage: cannot read the queue", slog.Any("error", err))
		return p.cfg.SweepInterval
	}
	handed := 0
	for _, id := range ids {
		if !p.hold(id) {
			continue
		}
		if !p.loop.Submit(id) {
			p.release(id)
			return p.cfg.SweepInterval
		}
		handed++
	}
	if len(ids) == sweepBatch && handed > 0 {
		return 0
	}
	return p.cfg.SweepInterval
}

// work runs one ticket and lets the next sweep see it again.
func (p *Pool) work(ctx context.Context, id string) {
	p.run(ctx, id)
	p.release(id)
}

// run takes one ticket through the pipeline, trying again after a failure
// and marking it failed when the attempts run out.
func (p *Pool) run(ctx context.Context, id string) {
	for attempt := 1; ; attempt++ {
		err := p.process(ctx, id)
		if err == nil || ctx.Err() != nil {
			return
		}
		if errors.Is(err, errLeftAlone) {
			p.log.Info("triage: ticket left alone", slog.String("ticket", id), slog.Any("reason", err))
			return
		}
		if attempt >= p.cfg.MaxAttempts {
			p.fail(id, err)
			return
		}
		p.log.Warn("triage: attempt failed, trying again", slog.String("ticket", id),
			slog.Int("attempt", attempt), slog.Any("error", err))
		t := time.NewTimer(p.cfg.RetryDelay)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// hold marks a ticket in flight; false when it already is.
func (p *Pool) hold(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.inFlight[id] {
		return false
	}
	p.inFlight[id] = true
	return true
}

func (p *Pool) release(id string) {
	p.mu.Lock()
	delete(p.inFlight, id)
	p.mu.Unlock()
}
