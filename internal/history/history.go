// Package history holds the ticket_events contract, the history of each
// ticket, and writes its rows. Events are written only by the server, in
// the transaction of the change they record.
package history

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// Collection is the name of the ticket_events collection.
const Collection = "ticket_events"

// Field names of the ticket_events collection.
const (
	FieldTicket = "ticket"
	FieldActor  = "actor"
	FieldKind   = "kind"
	FieldFrom   = "from"
	FieldTo     = "to"
	// FieldReason says why the system did it, e.g. why this assignee;
	// staff only.
	FieldReason = "reason"
	// FieldInternal marks an event only staff may see (an analysis, an
	// internal note); the ticket's creator never sees it.
	FieldInternal = "internal"
)

// Values of the kind field.
const (
	KindCreated    = "created"
	KindAnalyzed   = "analyzed"
	KindAssigned   = "assigned"
	KindStatus     = "status"
	KindPriority   = "priority"
	KindCommented  = "commented"
	KindReopened   = "reopened"
	KindAttachment = "attachment"
	// KindOverdue marks the moment an open ticket passed its due time.
	KindOverdue = "overdue"
)

// Kinds lists every kind, in schema order.
var Kinds = []string{KindCreated, KindAnalyzed, KindAssigned, KindStatus, KindPriority, KindCommented, KindReopened, KindAttachment, KindOverdue}

// Limits of the text fields.
const (
	ValueMax  = 200
	ReasonMax = 500
)

// Event is one row of a ticket's history. Actor is the users id of whoever
// made the change, empty for the system (triage, routing, timers).
type Event struct {
	Ticket string
	Actor  string
	Kind   string
	From   string
	To     string
	Reason string
	// Internal keeps the event from the ticket's creator (staff only).
	Internal bool
}

// Write saves events with app, which should be the transaction of the
// change they record.
func Write(app core.App, events ...Event) error {
	if len(events) == 0 {
		return nil
	}
	col, err := app.FindCachedCollectionByNameOrId(Collection)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	for _, ev := range events {
		r := core.NewRecord(col)
		r.Set(FieldTicket, ev.Ticket)
		r.Set(FieldActor, ev.Actor)
		r.Set(FieldKind, ev.Kind)
		r.Set(FieldFrom, clip(ev.From, ValueMax))
		r.Set(FieldTo, clip(ev.To, ValueMax))
		r.Set(FieldReason, clip(ev.Reason, ReasonMax))
		r.Set(FieldInternal, ev.Internal)
		if err := app.SaveNoValidate(r); err != nil {
			return fmt.Errorf("history: unable to save a %s event of ticket %s: %w", ev.Kind, ev.Ticket, err)
		}
	}
	return nil
}

func clip(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max])
}
