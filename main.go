// Command helpdesk is a self-hosted AI helpdesk: PocketBase plus the
// helpdesk's schema, rules, triage and mail, in one binary.
package main

import (
	"embed"
	"io/fs"
	"log"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"helpdesk/docs"
	"helpdesk/hooks"
	"helpdesk/internal/cli"
	_ "helpdesk/migrations"
)

//go:embed all:pb_public
var embedded embed.FS

// version is set at build time (-ldflags "-X main.version=1.2.3").
var version string

func main() {
	app := pocketbase.New()
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{})

	cfg, err := hooks.ConfigFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	if cfg.Portal, err = fs.Sub(embedded, "pb_public"); err != nil {
		log.Fatal(err)
	}
	cfg.OpenAPI = docs.OpenAPI
	if _, err := hooks.Setup(app, cfg); err != nil {
		log.Fatal(err)
	}
	cli.AddCommands(app, version)

	if err := cli.Run(app); err != nil {
		log.Fatal(err)
	}
}
