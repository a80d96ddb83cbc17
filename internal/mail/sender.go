package mail

import (
	"context"
	"log/slog"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/worker"
)

// Sender delivers the outbox in the background: a worker.Loop whose sweep
// drains every due mail when woken (a mail was queued, the settings
// changed) and at least every SweepInterval, and otherwise sleeps until
// the next retry is due. The loop has no workers: the sweep sends the
// mails itself, one at a time.
type Sender struct {
	app  core.App
	cfg  Config
	log  *slog.Logger
	loop *worker.Loop[string]

	// hinted is set once the "configure SMTP" hint was logged; it is reset
	// when SMTP is enabled. Only the sweep touches it.
	hinted bool
}

// NewSender returns a stopped sender for app's outbox.
func NewSender(app core.App, cfg Config) *Sender {
	cfg = cfg.withDefaults()
	log := cfg.Logger
	if log == nil {
		log = app.Logger()
	}
	s := &Sender{
		app: app,
		cfg: cfg,
		log: log.With(slog.String("component", "mail")),
	}
	s.loop = worker.New(worker.Config[string]{Sweep: s.sweep, Interval: cfg.SweepInterval})
	return s
}

// Start runs the worker; later calls do nothing.
func (s *Sender) Start() { s.loop.Start() }

// Stop ends the worker, waiting for the attempt in flight (bounded by
// SendTimeout); safe to call more than once or without Start.
func (s *Sender) Stop() { s.loop.Stop() }

// Wake asks the worker to look for due mail now; it never blocks.
func (s *Sender) Wake() { s.loop.Wake() }

// sweep drains the due mail, then says how long the worker may wait.
func (s *Sender) sweep(ctx context.Context) time.Duration {
	if !s.drain(ctx) {
		return s.cfg.SweepInterval
	}
	return s.sleep()
}

// sleep is how long the worker may wait: until the next retry is due, at
// most SweepInterval.
func (s *Sender) sleep() time.Duration {
	if !CurrentSettings(s.app).SMTP.Enabled {
		return s.cfg.SweepInterval
	}
	at, err := nextDueAt(s.app)
	if err != nil || at.IsZero() {
		return s.cfg.SweepInterval
	}
	// the floor keeps a mail that is due but cannot be claimed (edited by
	// hand, say) from spinning the loop
	return min(max(time.Until(at), minSleep), s.cfg.SweepInterval)
}

// minSleep is the shortest pause between two drains.
const minSleep = 50 * time.Millisecond

// drain attempts every due mail, one after the other. It reports false
// when the outbox could not be read, so that the worker backs off.
func (s *Sender) drain(ctx context.Context) bool {
	for ctx.Err() == nil {
		if !CurrentSettings(s.app).SMTP.Enabled {
			s.log.Debug("Mail waits for SMTP to be configured")
			s.hintOnce()
			return true
		}
		s.hinted = false
		c, err := claimNext(s.app, s.cfg.ClaimLease)
		if err != nil {
			s.log.Error("Mail outbox unavailable", slog.Any("error", err))
			return false
		}
		if c == nil {
			return true
		}
		s.attempt(c)
	}
	return true
}

// hintOnce tells how to configure SMTP the first time mail waits for it.
func (s *Sender) hintOnce() {
	if s.hinted {
		return
	}
	n, err := countQueued(s.app)
	if err != nil || n == 0 {
		return
	}
	s.hinted = true
	s.log.Warn("Mail is queued but SMTP is not configured: open the Dashboard → Settings → Mail, enable \"Use SMTP mail server\" and set host, port, TLS and credentials, sender name and address; queued mails go out as soon as it is saved",
		slog.Int64("queued", n))
}

// attempt sends one claimed mail and records the outcome. Stop does not
// cut it short: the SMTP conversation has its own timeout, and a mail the
// server accepted is marked sent.
func (s *Sender) attempt(c *claimed) {
	r := c.record
	log := s.log.With(slog.String("mailId", r.Id), slog.String("to", r.GetString(FieldTo)), slog.String("subject", r.GetString(FieldSubject)))
	if c.interrupted {
		log.Warn("Retrying a mail whose previous attempt was interrupted; if the server had already accepted it, the recipient gets it twice")
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.SendTimeout)
	defer cancel()
	sendErr := TransportOf(s.app, s.cfg.SendTimeout).Send(ctx, messageOf(r), "outbox-"+r.Id)
	if sendErr == nil {
		if err := markSent(s.app, r); err != nil {
			log.Error("Mail sent but not marked sent; it will be sent again after the claim lease", slog.Any("error", err))
			return
		}
		log.Info("Mail sent", slog.Int("attempts", r.GetInt(FieldAttempts)))
		return
	}
	cause := describe(sendErr)
	gaveUp, err := markAttemptFailed(s.app, r, cause, s.cfg)
	if err != nil {
		log.Error("Mail attempt failed and could not be recorded", slog.String("cause", cause), slog.Any("error", err))
		return
	}
	if gaveUp {
		log.Error("Mail failed for good; `helpdesk mail retry` queues it again", slog.Int("attempts", r.GetInt(FieldAttempts)), slog.String("error", cause))
		return
	}
	log.Warn("Mail attempt failed; will retry", slog.Int("attempts", r.GetInt(FieldAttempts)),
		slog.String("nextAttemptAt", r.GetString(FieldNextAttemptAt)), slog.String("error", cause))
}
