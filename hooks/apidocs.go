package hooks

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/apidocs"
)

// ServeAPIDocs serves the API documentation built from openapi (the
// OpenAPI 3.1 document, embedded in the binary): the page at /api/docs,
// the YAML at /api/docs/openapi.yaml and the page's style sheet. A
// document that does not parse stops serve with the reason.
func ServeAPIDocs(app core.App, openapi []byte) {
	docs, err := apidocs.New(openapi)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err != nil {
			return fmt.Errorf("api docs: %w", err)
		}
		se.Router.GET("/api/docs", serveBytes("text/html; charset=utf-8", docs.Page))
		se.Router.GET(apidocs.YAMLPath, serveBytes("application/yaml; charset=utf-8", docs.YAML))
		se.Router.GET(apidocs.StylePath, serveBytes("text/css; charset=utf-8", apidocs.Style))
		return se.Next()
	})
}

func serveBytes(contentType string, b []byte) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		return e.Blob(http.StatusOK, contentType, b)
	}
}
