package inbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/worker"
)

// Poller reads the mailbox while the app serves: a worker.Loop whose
// sweep reads every unseen message, then waits in IDLE (which wakes it
// when a message arrives) or for the poll interval. A mailbox that cannot
// be reached delays the work and is logged once per change of state.
type Poller struct {
	app     core.App
	cfg     Config
	server  Server
	handler *Handler
	loop    *worker.Loop[struct{}]
	log     *slog.Logger

	// the loop's goroutine owns sess and failures; Stop touches sess only
	// after the loop has stopped
	sess     *session
	failures int

	mu    sync.Mutex
	state string // "" before the first pass, "ok", or a trouble kind
}

// NewPoller returns a stopped poller for the mailbox of cfg.URL.
func NewPoller(app core.App, cfg Config) (*Poller, error) {
	cfg = cfg.withDefaults()
	srv, err := ParseURL(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("IMAP_URL: %w", err)
	}
	p := &Poller{app: app, cfg: cfg, server: srv, handler: NewHandler(app, cfg), log: cfg.Logger}
	p.loop = worker.New(worker.Config[struct{}]{Sweep: p.sweep, Interval: cfg.Poll})
	return p, nil
}

func (p *Poller) logger() *slog.Logger {
	if p.log != nil {
		return p.log
	}
	return p.app.Logger()
}

// Start starts reading the mailbox.
func (p *Poller) Start() { p.loop.Start() }

// Wake asks for a pass now.
func (p *Poller) Wake() { p.loop.Wake() }

// Stop stops the loop, waiting for the message in hand, and logs out.
func (p *Poller) Stop() {
	p.loop.Stop()
	if p.sess != nil {
		p.sess.close()
		p.sess = nil
	}
}

// State is the mailbox's state as last seen: "ok", a kind of trouble
// ("connection", "TLS", "login", "folder", "session"), or "" before the
// first pass.
func (p *Poller) State() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

func (p *Poller) sweep(ctx context.Context) time.Duration {
	if _, err := p.Pass(ctx); err != nil {
		p.failures++
		base := min(5*time.Second, p.cfg.Poll)
		return worker.Backoff(p.failures, base, p.cfg.Poll, worker.Below)
	}
	p.failures = 0
	if err := p.sess.startIdle(); err != nil {
		p.drop(err)
	}
	return p.cfg.Poll
}

// Pass reads every unseen message once, applies it and flags it, and
// returns what became of each. An error means the mailbox could not be
// read (all or part of it): the messages not reached wait for the next
// pass. Pass must not run while the poller's loop runs.
func (p *Poller) Pass(ctx context.Context) ([]Result, error) {
	reused := p.sess != nil
	if err := p.connect(ctx); err != nil {
		return nil, err
	}
	msgs, err := p.sess.unseen()
	if err != nil && reused {
		// a kept session the server has cut meanwhile: one new try
		p.sess.close()
		p.sess = nil
		if err := p.connect(ctx); err != nil {
			return nil, err
		}
		msgs, err = p.sess.unseen()
	}
	if err != nil {
		p.drop(err)
		return nil, err
	}
	var results []Result
	for _, m := range msgs {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		var res Result
		if m.RFC822Size > p.cfg.MaxSize {
			header, err := p.sess.read(m.UID, true)
			if err != nil {
				p.drop(err)
				return results, err
			}
			res = p.handler.Refuse(header, m.RFC822Size, m.InternalDate)
		} else {
			raw, err := p.sess.read(m.UID, false)
			if err != nil {
				p.drop(err)
				return results, err
			}
			res = p.handler.Handle(raw, m.InternalDate)
		}
		p.logResult(res)
		results = append(results, res)
		if res.Retry {
			continue
		}
		// only now, after the commit: a crash before this line leaves the
		// message unseen, and the next pass knows it by its Message-ID
		if err := p.sess.done(m.UID, p.cfg.MoveTo); err != nil {
			p.drop(err)
			return results, err
		}
	}
	return results, nil
}

// connect makes sure there is a session, reusing a live one.
func (p *Poller) connect(ctx context.Context) error {
	if p.sess != nil {
		if err := p.sess.stopIdle(); err != nil || p.sess.closed() {
			p.sess.close()
			p.sess = nil
		}
	}
	if p.sess != nil {
		return nil
	}
	sess, err := open(ctx, p.server, p.cfg.TLS, p.loop.Wake)
	if err != nil {
		p.setState(err)
		return err
	}
	p.sess = sess
	p.setState(nil)
	return nil
}

// drop ends a session that failed, so that the next pass reconnects.
func (p *Poller) drop(err error) {
	p.setState(err)
	if p.sess != nil {
		p.sess.close()
		p.sess = nil
	}
}

// setState logs a change of the mailbox's state, once per change: the
// same failure on every poll is not news.
func (p *Poller) setState(err error) {
	state := "ok"
	var t *trouble
	if errors.As(err, &t) {
		state = t.kind
	} else if err != nil {
		state = troubleSession
	}
	p.mu.Lock()
	prev := p.state
	p.state = state
	p.mu.Unlock()
	if state == prev {
		return
	}
	switch {
	case err != nil:
		p.logger().Error("IMAP mailbox unavailable; mail waits there until it can be read",
			slog.String("mailbox", p.server.String()), slog.String("trouble", state), slog.String("error", err.Error()))
	case prev == "":
		p.logger().Info("IMAP mailbox connected", slog.String("mailbox", p.server.String()), slog.Bool("idle", p.sess != nil && p.sess.canIdle))
	default:
		p.logger().Info("IMAP mailbox reachable again", slog.String("mailbox", p.server.String()))
	}
}

func (p *Poller) logResult(r Result) {
	attrs := []any{
		slog.String("message_id", r.MessageID), slog.String("from", r.From), slog.String("subject", r.Subject),
		slog.String("outcome", r.Outcome), slog.Int("ticket", r.Number), slog.String("reason", r.Reason),
	}
	switch {
	case r.Repeat:
		p.logger().Info("Mail handled before, not applied again", attrs...)
	case r.Outcome == OutcomeTicket || r.Outcome == OutcomeComment:
		p.logger().Info("Mail received", attrs...)
	case r.Outcome == OutcomeFailed:
		p.logger().Error("Mail could not be applied", append(attrs, slog.Bool("retry", r.Retry))...)
	default:
		p.logger().Warn("Mail "+r.Outcome, attrs...)
	}
}
