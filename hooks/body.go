package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// jsonBody returns the request's JSON body as sent, before PocketBase
// coerced the values to the fields' types (the router keeps the body
// rereadable); nil for form bodies, where every value is text anyway.
func jsonBody(e *core.RequestEvent) map[string]any {
	if !strings.HasPrefix(e.Request.Header.Get("Content-Type"), "application/json") {
		return nil
	}
	var body map[string]any
	if err := e.BindBody(&body); err != nil {
		return nil
	}
	return body
}
