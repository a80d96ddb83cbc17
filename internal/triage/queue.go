package triage

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
)

// The database is the queue: a ticket waits for the triage while its
// triage field is one of these (found through idx_tickets_triage).
var waitingStates = []string{ticket.TriagePending, ticket.TriageAnalyzing, ticket.TriageAssigning}

// waitingFilter selects the waiting tickets.
func waitingFilter() dbx.Expression {
	return dbx.In(ticket.FieldTriage, toAny(waitingStates)...)
}

// Waiting returns the ids of up to limit waiting tickets, oldest first.
func Waiting(app core.App, limit int) ([]string, error) {
	var ids []string
	err := app.DB().Select("id").From(ticket.Collection).
		Where(waitingFilter()).OrderBy("created", "id").Limit(int64(limit)).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("triage: unable to look up the waiting tickets: %w", err)
	}
	return ids, nil
}

// Counts returns how many tickets are in each triage state; every state
// is present, with 0 when no ticket is in it.
func Counts(app core.App) (map[string]int, error) {
	var rows []struct {
		State string `db:"triage"`
		N     int    `db:"n"`
	}
	err := app.DB().Select("triage", "COUNT(*) AS n").From(ticket.Collection).GroupBy("triage").All(&rows)
	if err != nil {
		return nil, fmt.Errorf("triage: unable to count the tickets: %w", err)
	}
	out := make(map[string]int, len(ticket.Triages))
	for _, s := range ticket.Triages {
		out[s] = 0
	}
	for _, r := range rows {
		out[r.State] += r.N
	}
	return out, nil
}

// OldestWaiting returns the oldest waiting ticket, nil when none waits.
func OldestWaiting(app core.App) (*core.Record, error) {
	ids, err := Waiting(app, 1)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	r, err := app.FindRecordById(ticket.Collection, ids[0])
	if err != nil {
		return nil, fmt.Errorf("triage: unable to load ticket %s: %w", ids[0], err)
	}
	return r, nil
}

// Requeue sets the given tickets' triage back to pending, in one
// transaction: an unknown id fails the whole call and changes nothing.
// It returns how many tickets it queued.
func Requeue(app core.App, ids []string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	records, err := app.FindRecordsByIds(ticket.Collection, ids)
	if err != nil {
		return 0, fmt.Errorf("triage: unable to load the tickets: %w", err)
	}
	if len(records) != len(ids) {
		var unknown []string
		for _, id := range ids {
			if !slices.ContainsFunc(records, func(r *core.Record) bool { return r.Id == id }) {
				unknown = append(unknown, id)
			}
		}
		return 0, fmt.Errorf("triage: no ticket with id %s; nothing was queued", strings.Join(unknown, ", "))
	}
	return requeue(app, records)
}

// RequeueFailed sets every failed ticket's triage back to pending and
// returns how many there were.
func RequeueFailed(app core.App) (int, error) {
	records, err := app.FindAllRecords(ticket.Collection, dbx.HashExp{ticket.FieldTriage: ticket.TriageFailed})
	if err != nil {
		return 0, fmt.Errorf("triage: unable to list the failed tickets: %w", err)
	}
	return requeue(app, records)
}

// requeue saves through the app so that the model hooks run and a running
// server's subscribers see the ticket go back to pending.
func requeue(app core.App, records []*core.Record) (int, error) {
	err := app.RunInTransaction(func(txApp core.App) error {
		for _, r := range records {
			r.Set(ticket.FieldTriage, ticket.TriagePending)
			if err := txApp.Save(r); err != nil {
				return fmt.Errorf("triage: unable to queue ticket %s: %w", r.Id, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(records), nil
}

func toAny(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
