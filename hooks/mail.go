package hooks

import (
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/mail"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindMail routes every mail through the durable outbox: the welcome mail
// on a user's creation; the receipt on a ticket's creation; the assignment
// mail when a ticket gets a (new) assignee; the resolved mail when it
// becomes done; a reply's mail when a public comment is added. Each is
// queued in the transaction of that write. PocketBase's own mails are
// queued instead of sent. It returns the sender, which Setup runs while
// the app serves.
func bindMail(app core.App, cfg mail.Config, ncfg notify.Config) *mail.Sender {
	sender := mail.NewSender(app, cfg)

	// model level, inside the write's transaction (joined when the caller
	// has one, opened otherwise): the mail exists if and only if the user,
	// the ticket, the change or the comment does, whoever made it (API,
	// dashboard, triage, email in).
	app.OnRecordCreateExecute(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return notify.QueueWelcome(txApp, e.Record) }, nil
		})
	})
	app.OnRecordCreateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error {
				if err := notify.QueueReceipt(txApp, ncfg, e.Record); err != nil {
					return err
				}
				return notify.QueueAssignment(txApp, ncfg, e.Record, "", history.ActorOf(e.Record))
			}, nil
		})
	})
	app.OnRecordUpdateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(ticket.FieldAssignedTo) == "" && e.Record.GetString(ticket.FieldStatus) != ticket.StatusDone {
			return e.Next() // neither assigned nor done: no mail, spare the write a transaction
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			before, err := notify.Stored(txApp, e.Record)
			if err != nil {
				return nil, err
			}
			actor := history.ActorOf(e.Record)
			return func() error {
				if err := notify.QueueAssignment(txApp, ncfg, e.Record, before.GetString(ticket.FieldAssignedTo), actor); err != nil {
					return err
				}
				return notify.QueueResolved(txApp, ncfg, e.Record, before.GetString(ticket.FieldStatus), actor)
			}, nil
		})
	})
	app.OnRecordCreateExecute(comment.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetBool(comment.FieldInternal) {
			return e.Next() // an internal note is mailed to nobody
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return notify.QueueComment(txApp, ncfg, e.Record) }, nil
		})
	})

	// PocketBase's mails (verification, password reset, OTP, login alert,
	// email change, test mail) are queued, not sent: not calling e.Next()
	// keeps PocketBase's own client from sending.
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		msg, dropped := mail.FromPocketBase(e.Message)
		if dropped {
			e.App.Logger().Warn("Mail attachments are not supported by the outbox and were dropped", slog.String("subject", msg.Subject))
		}
		_, err := mail.Enqueue(e.App, msg)
		return err
	})

	// committed mail and changed settings (SMTP enabled) wake the sender
	app.OnRecordAfterCreateSuccess(mail.Collection).BindFunc(func(e *core.RecordEvent) error {
		sender.Wake()
		return e.Next()
	})
	app.OnSettingsReload().BindFunc(func(e *core.SettingsReloadEvent) error {
		err := e.Next() // the new settings are loaded by the chain's end
		sender.Wake()
		return err
	})

	return sender
}
