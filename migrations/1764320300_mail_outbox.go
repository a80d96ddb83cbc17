package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"helpdesk/internal/mail"
)

// The mail outbox: every mail is written here first and sent by the
// background sender. Superusers only (all API rules nil): it holds
// password-reset links and OTPs.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection(mail.Collection)
		c.Fields.Add(
			&core.TextField{Name: mail.FieldTo, Required: true, Max: mail.AddressListMax},
			&core.TextField{Name: mail.FieldCc, Max: mail.AddressListMax},
			&core.TextField{Name: mail.FieldBcc, Max: mail.AddressListMax},
			&core.TextField{Name: mail.FieldSubject, Required: true, Max: mail.SubjectMax},
			&core.TextField{Name: mail.FieldHTML, Max: mail.BodyMax},
			&core.TextField{Name: mail.FieldText, Max: mail.BodyMax},
			&core.JSONField{Name: mail.FieldHeaders, MaxSize: 65536},
			&core.SelectField{Name: mail.FieldStatus, Required: true, MaxSelect: 1, Values: mail.Statuses},
			&core.NumberField{Name: mail.FieldAttempts, OnlyInt: true, Min: new(float64)},
			&core.TextField{Name: mail.FieldLastError, Max: mail.LastErrorMax},
			&core.DateField{Name: mail.FieldSentAt},
			&core.DateField{Name: mail.FieldNextAttemptAt},
			&core.DateField{Name: mail.FieldClaimedAt},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// the sender's query: queued mails by due time
		c.AddIndex("idx_mail_outbox_due", false, mail.FieldStatus+", "+mail.FieldNextAttemptAt, "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(mail.Collection)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
