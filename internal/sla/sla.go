// Package sla watches the tickets' due times: a ticket whose due passes
// while it is open is marked once per breach, by an overdue event in its
// history and an alert mail to its assignee and every admin, both written
// in one transaction. The marks live in the database, so a check finds
// what an earlier run (or a stopped server) left, and never marks a
// breach twice.
package sla

import (
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/history"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// CronJob is the id of the check in PocketBase's cron, and Schedule its
// schedule: every minute.
const (
	CronJob  = "helpdeskSLA"
	Schedule = "* * * * *"
)

// batch is how many breaches one query returns.
const batch = 100

// breachQuery finds open tickets past due that have no overdue event for
// their current due time. An event's from is the due time it marks, so
// a due moved later can be breached (and alerted) again.
const breachQuery = `SELECT t.[[id]] FROM {{tickets}} t
WHERE t.[[status]] IN ({:todo}, {:assigned}, {:in_progress}) AND t.[[due]] != '' AND t.[[due]] < {:now}
AND NOT EXISTS (SELECT 1 FROM {{ticket_events}} e WHERE e.[[ticket]] = t.[[id]] AND e.[[kind]] = {:overdue} AND e.[[from]] = t.[[due]])
ORDER BY t.[[due]], t.[[id]] LIMIT {:limit}`

// Watcher checks for breaches. Its checks never overlap.
type Watcher struct {
	app     core.App
	log     *slog.Logger
	mu      sync.Mutex
	stopped bool
}

// New returns a watcher of app's tickets; a nil logger means the app's.
func New(app core.App, logger *slog.Logger) *Watcher {
	return &Watcher{app: app, log: logger}
}

func (w *Watcher) logger() *slog.Logger {
	if w.log != nil {
		return w.log
	}
	return w.app.Logger()
}

// Stop waits for a check in progress and keeps Run from starting
// another: the database is about to close.
func (w *Watcher) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
}

// Run checks as of now and logs the outcome; it is the cron job.
func (w *Watcher) Run() {
	n, err := w.check(time.Now(), true)
	if err != nil {
		w.logger().Error("sla: check failed; the next one tries again", slog.Any("error", err))
	}
	if n > 0 {
		w.logger().Info("sla: tickets overdue", slog.Int("alerted", n))
	}
}

// Check marks every breach as of now that is not marked yet and returns
// how many it marked.
func (w *Watcher) Check(now time.Time) (int, error) {
	return w.check(now, false)
}

func (w *Watcher) check(now time.Time, unlessStopped bool) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if unlessStopped && w.stopped {
		return 0, nil
	}
	nowDT, err := types.ParseDateTime(now)
	if err != nil {
		return 0, err
	}
	total := 0
	for {
		var ids []string
		err := w.app.DB().NewQuery(breachQuery).Bind(dbx.Params{
			"todo": ticket.StatusTodo, "assigned": ticket.StatusAssigned, "in_progress": ticket.StatusInProgress,
			"now": nowDT.String(), "overdue": history.KindOverdue, "limit": batch,
		}).Column(&ids)
		if err != nil {
			return total, fmt.Errorf("sla: unable to look for breaches: %w", err)
		}
		marked := 0
		for _, id := range ids {
			ok, err := w.mark(id, nowDT.String())
			if err != nil {
				return total, err
			}
			if ok {
				marked++
			}
		}
		total += marked
		// a short batch was the last; a batch marking nothing would only
		// come back the same
		if len(ids) < batch || marked == 0 {
			return total, nil
		}
	}
}

// mark writes the overdue event and the alerts of one ticket in one
// transaction, after checking again inside it that the breach is still
// there and unmarked (PocketBase runs one write transaction at a time).
func (w *Watcher) mark(id, now string) (bool, error) {
	marked := false
	err := w.app.RunInTransaction(func(txApp core.App) error {
		t, err := txApp.FindRecordById(ticket.Collection, id)
		if err != nil {
			return nil // deleted meanwhile
		}
		due := t.GetString(ticket.FieldDue)
		if t.GetString(ticket.FieldStatus) == ticket.StatusDone || due == "" || due >= now {
			return nil
		}
		n, err := txApp.CountRecords(history.Collection, dbx.HashExp{
			history.FieldTicket: id, history.FieldKind: history.KindOverdue, history.FieldFrom: due,
		})
		if err != nil || n > 0 {
			return err
		}

		var assignee *core.Record
		if a := t.GetString(ticket.FieldAssignedTo); a != "" {
			assignee, _ = txApp.FindRecordById(user.Collection, a)
		}
		admins, err := txApp.FindAllRecords(user.Collection, dbx.HashExp{user.FieldRole: user.RoleAdmin})
		if err != nil {
			return fmt.Errorf("sla: unable to list the admins: %w", err)
		}
		recipients := admins
		if assignee != nil && assignee.GetString(user.FieldRole) != user.RoleAdmin {
			recipients = append([]*core.Record{assignee}, admins...)
		}

		holder, reason := "", "due "+due+" passed; nobody holds it"
		if assignee != nil {
			holder, reason = assignee.Id, "due "+due+" passed; held by "+assignee.GetString(user.FieldName)
		}
		err = history.Write(txApp, history.Event{
			Ticket: id, Kind: history.KindOverdue, From: due, To: holder, Reason: reason, Internal: true,
		})
		if err != nil {
			return err
		}
		if err := notify.QueueOverdue(txApp, t, assignee, recipients); err != nil {
			return err
		}
		marked = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("sla: unable to mark ticket %s overdue: %w", id, err)
	}
	return marked, nil
}
