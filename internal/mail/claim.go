package mail

import (
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/worker"
)

// The sender's bookkeeping on the outbox. A mail is due when it is queued
// and its next_attempt_at has passed. Claiming a mail counts the attempt
// and pushes next_attempt_at one lease ahead in a single conditional
// UPDATE, committed before SMTP is spoken: if the process dies during the
// attempt, the mail becomes due again when the lease runs out; if it dies
// after the server accepted the mail but before it was marked sent, the
// mail is sent again (the only window where a duplicate is possible).

// dueFilter selects mails ready for an attempt.
const dueFilter = "status = 'queued' && next_attempt_at <= {:now}"

// claimed is a mail the sender holds for one attempt.
type claimed struct {
	record *core.Record
	// interrupted says an earlier attempt was cut off (crash, kill) before
	// its outcome was recorded.
	interrupted bool
}

// claimNext claims the oldest due mail; nil when none is due.
func claimNext(app core.App, lease time.Duration) (*claimed, error) {
	for range 3 {
		now := types.NowDateTime()
		due, err := app.FindRecordsByFilter(Collection, dueFilter, "next_attempt_at,created", 1, 0, dbx.Params{"now": now.String()})
		if err != nil {
			return nil, fmt.Errorf("mail: unable to look up due mail: %w", err)
		}
		if len(due) == 0 {
			return nil, nil
		}
		r := due[0]
		res, err := app.DB().NewQuery(
			"UPDATE {{" + Collection + "}} SET [[attempts]] = [[attempts]] + 1, [[claimed_at]] = {:now}, [[next_attempt_at]] = {:until}, [[updated]] = {:now}" +
				" WHERE [[id]] = {:id} AND [[status]] = {:queued} AND [[next_attempt_at]] = {:due}",
		).Bind(dbx.Params{
			"now":    now.String(),
			"until":  now.Add(lease).String(),
			"id":     r.Id,
			"queued": StatusQueued,
			"due":    r.GetDateTime(FieldNextAttemptAt).String(),
		}).Execute()
		if err != nil {
			return nil, fmt.Errorf("mail: unable to claim mail %s: %w", r.Id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			continue // changed under us (requeued, edited): look again
		}
		fresh, err := app.FindRecordById(Collection, r.Id)
		if err != nil {
			return nil, fmt.Errorf("mail: unable to reload claimed mail %s: %w", r.Id, err)
		}
		return &claimed{record: fresh, interrupted: !r.GetDateTime(FieldClaimedAt).IsZero()}, nil
	}
	return nil, errors.New("mail: the outbox keeps changing under the sender")
}

// markSent records a delivered mail.
func markSent(app core.App, r *core.Record) error {
	r.Set(FieldStatus, StatusSent)
	r.Set(FieldSentAt, types.NowDateTime())
	r.Set(FieldClaimedAt, "")
	if err := app.Save(r); err != nil {
		return fmt.Errorf("mail: unable to mark mail %s sent: %w", r.Id, err)
	}
	return nil
}

// markAttemptFailed stores the failure and schedules the next attempt, or
// gives up after maxAttempts. It reports whether the mail is now failed.
func markAttemptFailed(app core.App, r *core.Record, cause string, cfg Config) (bool, error) {
	attempts := r.GetInt(FieldAttempts)
	gaveUp := attempts >= cfg.MaxAttempts
	r.Set(FieldLastError, cause)
	r.Set(FieldClaimedAt, "")
	if gaveUp {
		r.Set(FieldStatus, StatusFailed)
	} else {
		r.Set(FieldNextAttemptAt, types.NowDateTime().Add(worker.Backoff(attempts, cfg.RetryBase, cfg.RetryMax, worker.Around)))
	}
	if err := app.Save(r); err != nil {
		return gaveUp, fmt.Errorf("mail: unable to record the failure of mail %s: %w", r.Id, err)
	}
	return gaveUp, nil
}

// nextDueAt is when the earliest queued mail becomes due (zero: none).
func nextDueAt(app core.App) (time.Time, error) {
	var row struct {
		At string `db:"at"`
	}
	err := app.DB().Select("MIN([[next_attempt_at]]) AS at").From(Collection).
		Where(dbx.HashExp{FieldStatus: StatusQueued}).One(&row)
	if err != nil || row.At == "" {
		return time.Time{}, err
	}
	at, err := types.ParseDateTime(row.At)
	return at.Time(), err
}

// countQueued counts mails waiting to be sent.
func countQueued(app core.App) (int64, error) {
	return app.CountRecords(Collection, dbx.HashExp{FieldStatus: StatusQueued})
}

// RequeueFailed puts every failed mail back in the queue with a fresh
// budget of attempts, due now; last_error keeps the previous cause until
// the next attempt. It returns how many mails were requeued.
func RequeueFailed(app core.App) (int, error) {
	failed, err := app.FindAllRecords(Collection, dbx.HashExp{FieldStatus: StatusFailed})
	if err != nil {
		return 0, fmt.Errorf("mail: unable to list failed mail: %w", err)
	}
	err = app.RunInTransaction(func(txApp core.App) error {
		for _, r := range failed {
			r.Set(FieldStatus, StatusQueued)
			r.Set(FieldAttempts, 0)
			r.Set(FieldClaimedAt, "")
			r.Set(FieldNextAttemptAt, types.NowDateTime())
			if err := txApp.Save(r); err != nil {
				return fmt.Errorf("mail: unable to requeue mail %s: %w", r.Id, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(failed), nil
}
