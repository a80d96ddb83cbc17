package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/roles"
)

// Users: a required name, a role (user|moderator|admin) and skills; staff
// see everyone, others only themselves.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		name, _ := users.Fields.GetByName("name").(*core.TextField)
		if name == nil {
			name = &core.TextField{Name: "name"}
			users.Fields.Add(name)
		}
		name.Required = true
		name.Min = 2
		name.Max = 100

		users.Fields.Add(&core.SelectField{
			Name:      "role",
			Values:    roles.All,
			MaxSelect: 1,
		})
		users.Fields.Add(&core.JSONField{Name: "skills", MaxSize: 4096})

		self := "id = @request.auth.id"
		staff := `@request.auth.role = "moderator" || @request.auth.role = "admin"`
		admin := `@request.auth.role = "admin"`
		users.ListRule = types.Pointer(self + " || " + staff)
		users.ViewRule = types.Pointer(self + " || " + staff)
		users.CreateRule = types.Pointer("")
		users.UpdateRule = types.Pointer(self + " || " + admin)
		users.DeleteRule = types.Pointer(self + " || " + admin)
		users.AddIndex("idx_users_role", false, "role, created", "")

		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("role")
		users.Fields.RemoveByName("skills")
		users.RemoveIndex("idx_users_role")
		owner := "id = @request.auth.id"
		users.ListRule, users.ViewRule = types.Pointer(owner), types.Pointer(owner)
		users.UpdateRule, users.DeleteRule = types.Pointer(owner), types.Pointer(owner)
		return app.Save(users)
	})
}
