package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Default settings of a fresh appliance; all of them stay editable in the
// dashboard (Settings → Application).
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		if s.Meta.AppName == "" || s.Meta.AppName == "Acme" {
			s.Meta.AppName = "Helpdesk"
		}
		return app.Save(s)
	}, nil)
}
