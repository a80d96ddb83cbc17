// Package cli holds the helpdesk's own commands, added to PocketBase's
// root command (serve, superuser, migrate): a file per command group.
package cli

import "github.com/pocketbase/pocketbase"

// AddCommands adds the helpdesk's commands to app's root command.
func AddCommands(app *pocketbase.PocketBase) {
	app.RootCmd.AddCommand(NewUsersCommand(app), NewDemoCommand(app), NewMailCommand(app), NewTriageCommand(app))
}
