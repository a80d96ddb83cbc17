// Package cli holds the helpdesk's own commands, added to PocketBase's
// root command (serve, superuser, migrate): a file per command group.
package cli

import (
	"runtime/debug"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// AddCommands adds the helpdesk's commands to app's root command and sets
// what `helpdesk --version` prints.
func AddCommands(app *pocketbase.PocketBase, version string) {
	app.RootCmd.Use = "helpdesk"
	app.RootCmd.Version = Version(version)
	app.RootCmd.AddCommand(Commands(app)...)
}

// Commands returns the helpdesk's commands.
func Commands(app core.App) []*cobra.Command {
	return []*cobra.Command{NewUsersCommand(app), NewDemoCommand(app), NewMailCommand(app), NewTriageCommand(app), NewSearchCommand(app), NewHealthCommand()}
}

// Version is the helpdesk's version: the one set at build time, else the
// commit the binary was built from, with the PocketBase it runs on.
func Version(set string) string {
	v, pb := set, "?"
	if v == "" {
		v = "dev"
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && set == "" {
				v = s.Value[:12]
			}
		}
		for _, d := range info.Deps {
			if d.Path == "github.com/pocketbase/pocketbase" {
				pb = d.Version
			}
		}
	}
	return v + " (PocketBase " + pb + ")"
}

// migrated runs our migrations before run: only `serve` applies them by
// itself, and a command on a fresh or older data dir needs the schema.
func migrated(app core.App, run func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := app.RunAllMigrations(); err != nil {
			return err
		}
		return run(cmd, args)
	}
}

// group is a command that only holds subcommands, e.g. `helpdesk users`.
func group(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short}
	cmd.AddCommand(subs...)
	return withUsageLine(cmd)
}
