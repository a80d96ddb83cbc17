package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// The contract allows 30 skills of 40 characters, any characters: 30 of 40
// emoji were refused by the JSON size limits of users.skills (on
// databases made before the users migration used user.SkillsJSONMax) and
// of tickets.related_skills (4096 bytes). Both get the contract's size.
func init() {
	m.Register(func(app core.App) error {
		for _, f := range []struct{ collection, field string }{
			{user.Collection, user.FieldSkills},
			{ticket.Collection, ticket.FieldRelatedSkills},
		} {
			c, err := app.FindCollectionByNameOrId(f.collection)
			if err != nil {
				return err
			}
			field, ok := c.Fields.GetByName(f.field).(*core.JSONField)
			if !ok || field.MaxSize >= user.SkillsJSONMax {
				continue
			}
			field.MaxSize = user.SkillsJSONMax
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, nil)
}
