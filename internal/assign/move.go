package assign

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
)

// Reasons the request hooks note on the assignments people make. A
// handover leaves alone the tickets whose last assignment says ByHand: a
// person chose that assignee, who was not away then.
const (
	ByHand          = "assigned by hand"
	ByHandWhileAway = "assigned by hand while away"
)

// Move is one ticket routed again.
type Move struct {
	TicketID string
	Number   int
	Title    string
	// From and To are users ids; To is empty when nobody was available
	// and the ticket is left unassigned.
	From, To         string
	FromName, ToName string
	Reason           string
}

// openStatuses are the statuses of open tickets.
var openStatuses = []any{ticket.StatusTodo, ticket.StatusAssigned, ticket.StatusInProgress}

// priorityOrder sorts the most urgent first: they get the best fit.
const priorityOrder = `CASE [[priority]] WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`

// openTickets lists the open tickets matching where, most urgent and then
// oldest first.
func openTickets(app core.App, where dbx.Expression) ([]*core.Record, error) {
	var out []*core.Record
	err := app.RecordQuery(ticket.Collection).
		AndWhere(dbx.In(ticket.FieldStatus, openStatuses...)).
		AndWhere(where).
		OrderBy(priorityOrder, "created", "id").
		All(&out)
	if err != nil {
		return nil, fmt.Errorf("assign: unable to list the open tickets: %w", err)
	}
	return out, nil
}

// AssignedByHand reports whether the ticket's current assignment to
// assignee was made by a person while the assignee was not away: its
// last assigned event says ByHand.
func AssignedByHand(app core.App, ticketID, assignee string) (bool, error) {
	var row struct {
		To     string `db:"to"`
		Reason string `db:"reason"`
	}
	err := app.DB().Select("[["+history.FieldTo+"]] AS to", "[["+history.FieldReason+"]] AS reason").
		From(history.Collection).
		Where(dbx.HashExp{history.FieldTicket: ticketID, history.FieldKind: history.KindAssigned}).
		OrderBy("created DESC", "rowid DESC").
		Limit(1).
		One(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("assign: unable to read the history of ticket %s: %w", ticketID, err)
	}
	return row.To == assignee && row.Reason == ByHand, nil
}

// Handover routes again, at once, the open tickets of a staff member who
// can no longer hold them (away, demoted, deleted), to anyone but them;
// run it in the transaction of that change.
// With keepByHand the tickets a person assigned them by hand stay. A
// ticket nobody can take is left unassigned (todo). note prefixes each
// assignment's reason.
func (c Config) Handover(app core.App, userID, note string, keepByHand bool) ([]Move, error) {
	// a deleted user's own tickets are about to go with them (cascade)
	tickets, err := openTickets(app, dbx.And(
		dbx.HashExp{ticket.FieldAssignedTo: userID},
		dbx.Not(dbx.HashExp{ticket.FieldCreatedBy: userID}),
	))
	if err != nil {
		return nil, err
	}
	if keepByHand {
		kept := tickets[:0]
		for _, t := range tickets {
			byHand, err := AssignedByHand(app, t.Id, userID)
			if err != nil {
				return nil, err
			}
			if !byHand {
				kept = append(kept, t)
			}
		}
		tickets = kept
	}
	staff, err := Staff(app)
	if err != nil {
		return nil, err
	}
	others := staff[:0]
	for _, s := range staff {
		if s.ID != userID {
			others = append(others, s)
		}
	}
	moves := c.plan(others, tickets, true)
	return moves, apply(app, moves, note)
}

// Rebalance routes again every open, triaged ticket of available staff
// (not away) by the rules, plus the ones nobody holds, and returns what
// moves; dryRun computes it without moving anything. Tickets assigned by
// hand stay, and a ticket stays with its holder when the holder would
// win it anyway (the holder wins ties of load), so that nothing moves
// for nothing.
func (c Config) Rebalance(app core.App, dryRun bool) ([]Move, error) {
	staff, err := Staff(app)
	if err != nil {
		return nil, err
	}
	away := map[string]bool{}
	for _, s := range staff {
		if s.Away {
			away[s.ID] = true
		}
	}
	all, err := openTickets(app, dbx.HashExp{ticket.FieldTriage: ticket.TriageDone})
	if err != nil {
		return nil, err
	}
	var tickets []*core.Record
	for _, t := range all {
		holder := t.GetString(ticket.FieldAssignedTo)
		if away[holder] {
			continue
		}
		if holder != "" {
			byHand, err := AssignedByHand(app, t.Id, holder)
			if err != nil {
				return nil, err
			}
			if byHand {
				continue
			}
		}
		tickets = append(tickets, t)
	}
	moves := c.plan(staff, tickets, false)
	if dryRun {
		return moves, nil
	}
	return moves, apply(app, moves, "rebalance")
}

// RouteWaiting routes the open, triaged tickets that nobody holds, for
// example when someone comes back: they waited because nobody was
// available.
func (c Config) RouteWaiting(app core.App, note string) ([]Move, error) {
	tickets, err := openTickets(app, dbx.HashExp{ticket.FieldTriage: ticket.TriageDone, ticket.FieldAssignedTo: ""})
	if err != nil || len(tickets) == 0 {
		return nil, err
	}
	staff, err := Staff(app)
	if err != nil {
		return nil, err
	}
	moves := c.plan(staff, tickets, false)
	return moves, apply(app, moves, note)
}

// plan routes the tickets in order, each seeing the loads the ones
// before it left. A ticket's holder, when staff, gives it up for the
// choice and wins ties of load. When nobody is available a ticket stays
// with its holder, unless release is set: then it is left unassigned.
func (c Config) plan(staff []Candidate, tickets []*core.Record, release bool) []Move {
	staff = append([]Candidate(nil), staff...)
	index := make(map[string]int, len(staff))
	names := map[string]string{}
	for i, s := range staff {
		index[s.ID] = i
		names[s.ID] = s.Name
	}
	var moves []Move
	for _, t := range tickets {
		holder := t.GetString(ticket.FieldAssignedTo)
		hi, held := index[holder]
		if held {
			staff[hi].Load--
		}
		var skills []string
		_ = t.UnmarshalJSONField(ticket.FieldRelatedSkills, &skills)
		ch := c.choose(staff, skills, holder)
		switch {
		case ch.UserID != "":
			staff[index[ch.UserID]].Load++
		case held && !release:
			staff[hi].Load++
			continue
		case holder == "":
			continue // nobody held it, nobody takes it
		}
		if ch.UserID == holder {
			continue
		}
		moves = append(moves, Move{
			TicketID: t.Id, Number: t.GetInt(ticket.FieldNumber), Title: t.GetString(ticket.FieldTitle),
			From: holder, To: ch.UserID, FromName: names[holder], ToName: names[ch.UserID], Reason: ch.Reason,
		})
	}
	return moves
}

// apply saves the moves through the app (hooks: history, the new
// assignee's mail, realtime). A ticket that changed hands since it was
// planned is left alone.
func apply(app core.App, moves []Move, note string) error {
	for _, m := range moves {
		t, err := app.FindRecordById(ticket.Collection, m.TicketID)
		if err != nil {
			return fmt.Errorf("assign: unable to load ticket %s: %w", m.TicketID, err)
		}
		if t.GetString(ticket.FieldAssignedTo) != m.From {
			continue
		}
		t.Set(ticket.FieldAssignedTo, m.To)
		switch {
		case m.To == "":
			t.Set(ticket.FieldStatus, ticket.StatusTodo)
		default:
			// the new assignee has not started on it
			t.Set(ticket.FieldStatus, ticket.StatusAssigned)
		}
		history.SetReason(t, note+": "+m.Reason)
		if err := app.Save(t); err != nil {
			return fmt.Errorf("assign: unable to move ticket %s: %w", m.TicketID, err)
		}
	}
	return nil
}
