package hooks

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"helpdesk/internal/security"
)

// bindJSONBodyCheck answers a JSON body that PocketBase's decoder would
// refuse (a repeated key, a lone surrogate) with a 400 naming the field:
// PocketBase's own 400 names none.
func bindJSONBodyCheck(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "helpdeskJSONBodyCheck",
			// after the body limits: the check reads within them
			Priority: apis.DefaultBodyLimitMiddlewarePriority + 2,
			Func: func(e *core.RequestEvent) error {
				switch e.Request.Method {
				case http.MethodPost, http.MethodPatch, http.MethodPut:
				default:
					return e.Next()
				}
				// batch bodies are bounded by the batch handler, once enabled
				if !strings.HasPrefix(e.Request.Header.Get("Content-Type"), "application/json") || e.Request.ContentLength == 0 ||
					e.Request.URL.Path == security.BatchPath {
					return e.Next()
				}
				err := security.CheckJSON(e.Request.Body)
				if r, ok := e.Request.Body.(router.Rereader); ok {
					r.Reread()
				}
				var bad *security.JSONError
				switch {
				case errors.As(err, &bad) && bad.Field != "":
					return e.BadRequestError("Failed to read the request body.", validation.Errors{
						bad.Field: validation.NewError("validation_invalid_json", bad.Reason),
					})
				case errors.As(err, &bad):
					return e.BadRequestError(bad.Reason, err)
				case err != nil && !errors.Is(err, io.EOF):
					return err // a body over its limit: PocketBase's 413
				}
				return e.Next()
			},
		})
		return se.Next()
	})
}

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
