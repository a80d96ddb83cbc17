package hooks

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"helpdesk/internal/security"
)

// realtimePath is PocketBase's realtime route; a GET opens an SSE stream.
const realtimePath = "/api/realtime"

// bindRealtimeLimit refuses realtime connections past the total and
// per-address limits before they are opened, so that the descriptors
// left serve health checks and logins.
func bindRealtimeLimit(app core.App, cfg security.Config) {
	conns := security.NewConnections(cfg)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "helpdeskRealtimeLimit",
			// after the rate limiter, which counts the attempt
			Priority: apis.DefaultRateLimitMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				if e.Request.Method != http.MethodGet || e.Request.URL.Path != realtimePath {
					return e.Next()
				}
				release, err := conns.Open(e.RealIP())
				switch {
				case errors.Is(err, security.ErrTooManyFromIP):
					return e.TooManyRequestsError("Too many realtime connections from your address; close another tab first.", nil)
				case err != nil:
					return e.Error(http.StatusServiceUnavailable, "The server has too many realtime connections; try again later.", nil)
				}
				// the SSE handler returns when the connection closes
				defer release()
				return e.Next()
			},
		})
		return se.Next()
	})
}
