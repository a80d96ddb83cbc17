package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/history"
	"helpdesk/internal/user"
)

// Routing: users.away (never assigned while set) and users.max_open (no
// more open tickets than this from the routing; 0 = no limit). Both are
// editable by the person and by admins, as the users update rule already
// says.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(user.Collection)
		if err != nil {
			return err
		}
		users.Fields.Add(
			&core.BoolField{Name: user.FieldAway},
			&core.NumberField{Name: user.FieldMaxOpen, Min: types.Pointer(0.0), OnlyInt: true},
		)
		if err := app.Save(users); err != nil {
			return err
		}
		// the SLA watcher and the stats look events up by kind
		events, err := app.FindCollectionByNameOrId(history.Collection)
		if err != nil {
			return err
		}
		events.AddIndex("idx_ticket_events_kind", false, history.FieldKind+", [["+history.FieldTo+"]]", "")
		return app.Save(events)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(user.Collection)
		if err != nil {
			return err
		}
		if events, err := app.FindCollectionByNameOrId(history.Collection); err == nil {
			events.RemoveIndex("idx_ticket_events_kind")
			if err := app.Save(events); err != nil {
				return err
			}
		}
		users.Fields.RemoveByName(user.FieldAway)
		users.Fields.RemoveByName(user.FieldMaxOpen)
		return app.Save(users)
	})
}
