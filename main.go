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
	"helpdesk/internal/cli/democmd"
	"helpdesk/internal/cli/mailcmd"
	"helpdesk/internal/cli/triagecmd"
	"helpdesk/internal/cli/userscmd"
	"helpdesk/internal/inbox"
	"helpdesk/internal/triage"
	_ "helpdesk/migrations"
)

//go:embed all:pb_public
var embedded embed.FS

func main() {
	app := pocketbase.New()
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{})

	triageCfg, err := triage.ConfigFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	inboxCfg, err := inbox.ConfigFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	portal, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := hooks.Setup(app, hooks.Config{Triage: triageCfg, Inbox: inboxCfg, Portal: portal, OpenAPI: docs.OpenAPI}); err != nil {
		log.Fatal(err)
	}
	app.RootCmd.AddCommand(userscmd.New(app), democmd.New(app), mailcmd.New(app, inboxCfg), triagecmd.New(app))

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
