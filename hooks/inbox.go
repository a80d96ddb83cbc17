package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/inbox"
	"helpdesk/internal/user"
)

// bindInbox makes the mail-in poller when a mailbox is configured (nil
// otherwise: without IMAP_URL nothing changes), and guards the
// needs_password flag the poller sets on the accounts it opens.
func bindInbox(app core.App, cfg inbox.Config) (*inbox.Poller, error) {
	// needs_password is the desk's to set (an account made from a mail)
	// and is cleared when the owner sets a password; no client sets it
	app.OnRecordCreateRequest(user.Collection).BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() && e.Record.GetBool(user.FieldNeedsPassword) {
			return e.BadRequestError("Failed to create record.", validation.Errors{
				user.FieldNeedsPassword: validation.NewError("validation_field_not_allowed", "needs_password is set by the desk only."),
			})
		}
		return e.Next()
	})
	app.OnRecordUpdateRequest(user.Collection).BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() && e.Record.GetBool(user.FieldNeedsPassword) != e.Record.Original().GetBool(user.FieldNeedsPassword) {
			return e.BadRequestError("Failed to update record.", validation.Errors{
				user.FieldNeedsPassword: validation.NewError("validation_field_not_allowed", "needs_password is set by the desk only; it clears when you set a password."),
			})
		}
		return e.Next()
	})
	app.OnRecordUpdate(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		// a password set by any path (reset link, dashboard) is usable
		if e.Record.GetBool(user.FieldNeedsPassword) && e.Record.GetString(core.FieldNamePassword) != "" {
			e.Record.Set(user.FieldNeedsPassword, false)
		}
		return e.Next()
	})

	if !cfg.Enabled() {
		return nil, nil
	}
	return inbox.NewPoller(app, cfg)
}
