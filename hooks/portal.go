package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// servePortal serves the web portal (pb_public, embedded in the binary) at
// the site root; PocketBase's own routes (/api, /_/) take precedence.
func servePortal(app core.App, portal fs.FS) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if !se.Router.HasRoute("GET", "/{path...}") {
			se.Router.GET("/{path...}", apis.Static(portal, true))
		}
		return se.Next()
	})
}
