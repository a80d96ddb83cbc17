package hooks

import (
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindMail routes every mail through the durable outbox: the welcome mail
// on a user's creation and the assignment mail when a ticket gets a (new)
// assignee are queued in the transaction of that write, and PocketBase's
// own mails are queued instead of sent. It returns the sender, which Setup
// runs while the app serves.
func bindMail(app core.App, cfg mail.Config) *mail.Sender {
	sender := mail.NewSender(app, cfg)

	// model level, inside the write's transaction (joined when the caller
	// has one, opened otherwise): the mail exists if and only if the user
	// or the assignment does, whoever made it (API, dashboard, triage).
	app.OnRecordCreateExecute(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return notify.QueueWelcome(txApp, e.Record) }, nil
		})
	})
	app.OnRecordCreateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(ticket.FieldAssignedTo) == "" {
			return e.Next() // no assignee, no mail: spare the write a transaction
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			return func() error { return notify.QueueAssignment(txApp, e.Record, "") }, nil
		})
	})
	app.OnRecordUpdateExecute(ticket.Collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(ticket.FieldAssignedTo) == "" {
			return e.Next() // no assignee, no mail: spare the write a transaction
		}
		return inTransaction(e, func(txApp core.App) (func() error, error) {
			before, err := notify.StoredAssignee(txApp, e.Record)
			if err != nil {
				return nil, err
			}
			return func() error { return notify.QueueAssignment(txApp, e.Record, before) }, nil
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
