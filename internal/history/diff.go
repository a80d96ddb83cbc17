package history

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
)

// OfCreate is the history a new ticket starts with: created, and what the
// ticket was created with (an import or a test may create it analysed and
// assigned).
func OfCreate(r *core.Record) []Event {
	out := []Event{{Ticket: r.Id, Actor: ActorOf(r), Kind: KindCreated, To: r.GetString(ticket.FieldStatus)}}
	return append(out, changes(nil, r)...)
}

// OfUpdate is the history of an update of before into after.
func OfUpdate(before, after *core.Record) []Event {
	return changes(before, after)
}

// changes lists the tracked changes from before (nil: a new ticket) to
// after: the analysis, the priority, the assignee and the status.
func changes(before, after *core.Record) []Event {
	was := func(f string) string {
		if before == nil {
			return ""
		}
		return before.GetString(f)
	}
	base := Event{Ticket: after.Id, Actor: ActorOf(after)}
	var out []Event
	add := func(kind, from, to, reason string) {
		ev := base
		ev.Kind, ev.From, ev.To, ev.Reason = kind, from, to, reason
		out = append(out, ev)
	}
	if from, to := was(ticket.FieldAnalyzer), after.GetString(ticket.FieldAnalyzer); from != to && to != "" {
		add(KindAnalyzed, from, to, "")
		// the analysis is staff work: the creator sees none of it
		out[len(out)-1].Internal = true
	}
	if from, to := was(ticket.FieldPriority), after.GetString(ticket.FieldPriority); from != to {
		add(KindPriority, from, to, "")
	}
	if from, to := was(ticket.FieldAssignedTo), after.GetString(ticket.FieldAssignedTo); from != to {
		add(KindAssigned, from, to, ReasonOf(after))
	}
	if before != nil {
		if from, to := was(ticket.FieldStatus), after.GetString(ticket.FieldStatus); from != to {
			kind := KindStatus
			if from == ticket.StatusDone {
				kind = KindReopened
			}
			add(kind, from, to, "")
		}
	}
	var had []string
	if before != nil {
		had = FileNames(before, ticket.FieldAttachments)
	}
	for _, name := range FileNames(after, ticket.FieldAttachments) {
		if !slices.Contains(had, name) {
			add(KindAttachment, "", name, "")
		}
	}
	return out
}
