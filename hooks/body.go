package hooks

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// jsonBody returns the JSON values of a request body as sent, before
// PocketBase coerced them to the fields' types: a JSON body (the router
// keeps it rereadable) or the @jsonPayload parts of a multipart body (what
// the JS SDK and batch requests send). Plain form values are text anyway
// and are left out.
func jsonBody(e *core.RequestEvent) map[string]any {
	body := map[string]any{}
	contentType := e.Request.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(contentType, "application/json"):
		if err := e.BindBody(&body); err != nil {
			return nil
		}
	case strings.HasPrefix(contentType, "multipart/form-data") && e.Request.MultipartForm != nil:
		for _, payload := range e.Request.MultipartForm.Value[router.JSONPayloadKey] {
			if err := json.Unmarshal([]byte(payload), &body); err != nil {
				return nil
			}
		}
	}
	return body
}
