package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/user"
)

// Users: a required name, a role (user|moderator|admin) and skills; staff
// see everyone, others only themselves.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(user.Collection)
		if err != nil {
			return err
		}

		name, _ := users.Fields.GetByName(user.FieldName).(*core.TextField)
		if name == nil {
			name = &core.TextField{Name: user.FieldName}
			users.Fields.Add(name)
		}
		name.Required = true
		name.Min = user.NameMin
		name.Max = user.NameMax

		users.Fields.Add(&core.SelectField{
			Name:      user.FieldRole,
			Values:    user.Roles,
			MaxSelect: 1,
		})
		users.Fields.Add(&core.JSONField{Name: user.FieldSkills, MaxSize: user.SkillsJSONMax})

		self, staff, admin := user.RuleSelf, user.RuleStaff, user.RuleAdmin
		users.ListRule = types.Pointer(self + " || " + staff)
		users.ViewRule = types.Pointer(self + " || " + staff)
		users.CreateRule = types.Pointer("")
		users.UpdateRule = types.Pointer(self + " || " + admin)
		users.DeleteRule = types.Pointer(self + " || " + admin)
		users.AddIndex("idx_users_role", false, "role, created", "")

		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(user.Collection)
		if err != nil {
			return err
		}
		users.Fields.RemoveByName(user.FieldRole)
		users.Fields.RemoveByName(user.FieldSkills)
		users.RemoveIndex("idx_users_role")
		users.ListRule, users.ViewRule = types.Pointer(user.RuleSelf), types.Pointer(user.RuleSelf)
		users.UpdateRule, users.DeleteRule = types.Pointer(user.RuleSelf), types.Pointer(user.RuleSelf)
		return app.Save(users)
	})
}
