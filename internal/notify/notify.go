// Package notify decides what Helpdesk mails to whom and when (the welcome
// mail to a new user, the assignment mail to a ticket's new assignee, the
// mails of a ticket's conversation) and renders those mails from their
// templates. It queues them in the outbox of package mail with the app of
// the write that causes them, so that a mail exists if and only if its
// cause was committed.
//
// The rules: nobody is mailed about their own action (the receipt to a
// ticket's creator is the one exception); an internal note is mailed to
// nobody; a user who set mute_notifications gets no mail about tickets
// (the welcome and PocketBase's security mails are always sent).
package notify

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
	"helpdesk/internal/ticket"
	usr "helpdesk/internal/user"
)

// QueueWelcome queues the welcome mail for a new user; a user without an
// email address gets none, nor does an account the desk opened for
// someone who wrote to the support address (needs_password): the receipt
// of their ticket is their first mail. The name is mailed only to a
// verified address (an account made by staff): an anonymous sign-up
// chooses both the name and the address it is sent to.
func QueueWelcome(app core.App, user *core.Record) error {
	if user.Email() == "" || user.GetBool(usr.FieldNeedsPassword) {
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

// Stored is the ticket as stored in the database; a new ticket is stored
// as itself. Read it before the write: the record's original state goes stale when
// one record value is saved twice. A read error is returned, not taken for
// "nothing stored": that would mail the assignee as if the ticket had just
// been handed to them.
func Stored(app core.App, t *core.Record) (*core.Record, error) {
	if t.IsNew() || t.Id == "" {
		return t, nil
	}
	stored, err := app.FindRecordById(ticket.Collection, t.Id)
	if err != nil {
		return nil, fmt.Errorf("notify: unable to read the stored ticket %s: %w", t.Id, err)
	}
	return stored, nil
}

// QueueAssignment queues the mail to the ticket's assignee when it is set
// and differs from previous (the assignee before this write), unless the
// assignee made the change (actor) or muted the mails.
func QueueAssignment(app core.App, cfg Config, t *core.Record, previous, actor string) error {
	assignee := t.GetString(ticket.FieldAssignedTo)
	if assignee == "" || assignee == previous || assignee == actor {
		return nil
	}
	to, err := recipient(app, assignee)
	if to == nil || err != nil {
		return err
	}
	s := newSender(app, cfg)
	msg, err := AssignmentMessage(Assignment{
		AppName:       s.appName,
		AppURL:        s.appURL,
		AssigneeName:  to.GetString(usr.FieldName),
		AssigneeEmail: to.Email(),
		TicketID:      t.Id,
		Number:        t.GetInt(ticket.FieldNumber),
		Title:         t.GetString(ticket.FieldTitle),
		Priority:      t.GetString(ticket.FieldPriority),
		Summary:       t.GetString(ticket.FieldSummary),
	})
	if err != nil {
		return fmt.Errorf("notify: unable to render the assignment mail: %w", err)
	}
	return s.queue(app, t, msg, false)
}

// recipient is the user to mail about a ticket: nil when the user is
// gone, has no address or muted the notification mails.
func recipient(app core.App, id string) (*core.Record, error) {
	if id == "" {
		return nil, nil
	}
	u, err := app.FindRecordById(usr.Collection, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("notify: unable to read user %s: %w", id, err)
	}
	if u.Email() == "" || u.GetBool(usr.FieldMuteNotifications) {
		return nil, nil
	}
	return u, nil
}

// sender holds what every ticket mail of one write shares.
type sender struct {
	appName     string
	appURL      string
	host        string
	replyTo     string
	replyByMail bool
}

func newSender(app core.App, cfg Config) sender {
	meta := mail.CurrentSettings(app).Meta
	return sender{
		appName:     meta.AppName,
		appURL:      meta.AppURL,
		host:        ThreadHost(meta.AppURL),
		replyTo:     cfg.replyTo(meta.SenderName, meta.SenderAddress),
		replyByMail: cfg.SupportAddress != "",
	}
}

func (s sender) ticket(t *core.Record) Ticket {
	return Ticket{
		AppName: s.appName,
		AppURL:  s.appURL,
		ID:      t.Id,
		Number:  t.GetInt(ticket.FieldNumber),
		Title:   t.GetString(ticket.FieldTitle),
	}
}

// queue puts msg in the ticket's thread and in the outbox; root marks the
// receipt, whose id is the thread's.
func (s sender) queue(app core.App, t *core.Record, msg mail.Message, root bool) error {
	msg.Headers = thread{host: s.host, number: t.GetInt(ticket.FieldNumber), replyTo: s.replyTo}.headers(root)
	_, err := mail.Enqueue(app, msg)
	return err
}
