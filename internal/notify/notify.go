// Package notify decides what Helpdesk mails to whom and when (the welcome
// mail to a new user, the assignment mail to a ticket's new assignee) and
// renders those mails from their templates. It queues them in the outbox
// of package mail with the app of the write that causes them, so that a
// mail exists if and only if its cause was committed.
package notify

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
	"helpdesk/internal/ticket"
	usr "helpdesk/internal/user"
)

// QueueWelcome queues the welcome mail for a new user; a user without an
// email address gets none. The name is mailed only to a verified address
// (an account made by staff): an anonymous sign-up chooses both the name
// and the address it is sent to.
func QueueWelcome(app core.App, user *core.Record) error {
	if user.Email() == "" {
		return nil
	}
	meta := mail.CurrentSettings(app).Meta
	name := ""
	if user.Verified() {
		name = user.GetString(usr.FieldName)
	}
	msg, err := WelcomeMessage(Welcome{
		AppName: meta.AppName,
		AppURL:  meta.AppURL,
		Name:    name,
		Email:   user.Email(),
	})
	if err != nil {
		return fmt.Errorf("notify: unable to render the welcome mail: %w", err)
	}
	_, err = mail.Enqueue(app, msg)
	return err
}

// StoredAssignee is the assignee of the ticket as stored in the database
// ("" for a new ticket). Read it before the write: the record's original
// state goes stale when one record value is saved twice. A read error is
// returned, not taken for "no assignee": that would mail the assignee as
// if the ticket had just been handed to them.
func StoredAssignee(app core.App, t *core.Record) (string, error) {
	if t.IsNew() || t.Id == "" {
		return "", nil
	}
	stored, err := app.FindRecordById(ticket.Collection, t.Id)
	if err != nil {
		return "", fmt.Errorf("notify: unable to read the stored assignee of ticket %s: %w", t.Id, err)
	}
	return stored.GetString(ticket.FieldAssignedTo), nil
}

// QueueAssignment queues the mail to the ticket's assignee when it is set
// and differs from previous (the assignee before this write).
func QueueAssignment(app core.App, t *core.Record, previous string) error {
	assignee := t.GetString(ticket.FieldAssignedTo)
	if assignee == "" || assignee == previous {
		return nil
	}
	user, err := app.FindRecordById(usr.Collection, assignee)
	if err != nil {
		return fmt.Errorf("notify: unable to find assignee %s: %w", assignee, err)
	}
	if user.Email() == "" {
		return nil
	}
	meta := mail.CurrentSettings(app).Meta
	msg, err := AssignmentMessage(Assignment{
		AppName:       meta.AppName,
		AppURL:        meta.AppURL,
		AssigneeName:  user.GetString(usr.FieldName),
		AssigneeEmail: user.Email(),
		TicketID:      t.Id,
		Title:         t.GetString(ticket.FieldTitle),
		Priority:      t.GetString(ticket.FieldPriority),
		Summary:       t.GetString(ticket.FieldSummary),
	})
	if err != nil {
		return fmt.Errorf("notify: unable to render the assignment mail: %w", err)
	}
	_, err = mail.Enqueue(app, msg)
	return err
}
