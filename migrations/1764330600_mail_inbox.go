package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"helpdesk/internal/inbox"
	"helpdesk/internal/ticket"
)

// The record of mail read from the support mailbox: one row per
// Message-ID, written in the transaction of the ticket or comment it
// became. Superusers only (all API rules nil): it holds senders'
// addresses and subjects.
func init() {
	m.Register(func(app core.App) error {
		tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return err
		}
		c := core.NewBaseCollection(inbox.Collection)
		c.Fields.Add(
			&core.TextField{Name: inbox.FieldMessageID, Required: true, Max: inbox.MessageIDMax},
			&core.TextField{Name: inbox.FieldFrom, Max: inbox.FromMax},
			&core.TextField{Name: inbox.FieldSubject, Max: inbox.SubjectMax},
			&core.SelectField{Name: inbox.FieldOutcome, Required: true, MaxSelect: 1, Values: inbox.Outcomes},
			&core.RelationField{Name: inbox.FieldTicket, MaxSelect: 1, CollectionId: tickets.Id},
			&core.TextField{Name: inbox.FieldReason, Max: inbox.ReasonMax},
			&core.DateField{Name: inbox.FieldReceived},
			&core.NumberField{Name: inbox.FieldAttempts, OnlyInt: true, Min: new(float64)},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		c.AddIndex("idx_mail_inbox_message_id", true, inbox.FieldMessageID, "")
		// the per-sender hourly limit counts a sender's recent tickets
		c.AddIndex("idx_mail_inbox_from", false, "`"+inbox.FieldFrom+"`, "+inbox.FieldOutcome+", created", "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(inbox.Collection)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
