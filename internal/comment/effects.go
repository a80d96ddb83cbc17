package comment

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// Events is the history a new comment c adds to its ticket: commented,
// and an attachment event per file, internal like the comment.
func Events(c *core.Record) []history.Event {
	base := history.Event{
		Ticket:   c.GetString(FieldTicket),
		Actor:    c.GetString(FieldAuthor),
		Internal: c.GetBool(FieldInternal),
	}
	ev := base
	ev.Kind, ev.To = history.KindCommented, c.Id
	out := []history.Event{ev}
	for _, name := range history.FileNames(c, FieldAttachments) {
		ev := base
		ev.Kind, ev.To = history.KindAttachment, name
		out = append(out, ev)
	}
	return out
}

// Apply does what a new comment c does to its ticket, with txApp, the
// transaction of the comment's insert: the requester's public reply on a
// done ticket reopens it (assigned if it has an assignee, else todo), and
// the first public staff reply sets first_response_at. The ticket's own
// hooks write the reopened event and clear resolved_at. Then it writes the
// comment's events.
func Apply(txApp core.App, c *core.Record, now time.Time) error {
	t, err := txApp.FindRecordById(ticket.Collection, c.GetString(FieldTicket))
	if err != nil {
		return fmt.Errorf("comment: unable to load ticket %s: %w", c.GetString(FieldTicket), err)
	}
	author := c.GetString(FieldAuthor)
	public := !c.GetBool(FieldInternal)
	changed := false

	if public && author != "" && author == t.GetString(ticket.FieldCreatedBy) && t.GetString(ticket.FieldStatus) == ticket.StatusDone {
		status := ticket.StatusTodo
		if t.GetString(ticket.FieldAssignedTo) != "" {
			status = ticket.StatusAssigned
		}
		t.Set(ticket.FieldStatus, status)
		changed = true
	}
	if public && author != "" && author != t.GetString(ticket.FieldCreatedBy) && t.GetDateTime(ticket.FieldFirstResponseAt).IsZero() {
		staff, err := isStaff(txApp, author)
		if err != nil {
			return err
		}
		if staff {
			t.Set(ticket.FieldFirstResponseAt, now)
			changed = true
		}
	}
	if changed {
		history.SetActor(t, author)
		if err := txApp.Save(t); err != nil {
			return fmt.Errorf("comment: unable to update ticket %s: %w", t.Id, err)
		}
	}
	return history.Write(txApp, Events(c)...)
}

func isStaff(app core.App, userID string) (bool, error) {
	u, err := app.FindRecordById(user.Collection, userID)
	if err != nil {
		return false, fmt.Errorf("comment: unable to load author %s: %w", userID, err)
	}
	return user.IsStaff(u), nil
}
