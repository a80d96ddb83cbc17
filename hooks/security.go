package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"helpdesk/internal/security"
)

// bindSecurity adds the security headers to every response and caps the
// body of every request: a record write at what a record of its
// collection can hold, anything else at cfg.MaxBody.
func bindSecurity(app core.App, cfg security.Config) {
	headers := security.Headers{}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "helpdeskSecurityHeaders",
			Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				headers.Apply(e.Response.Header(), e.Request, security.TrustsProxy(e.App))
				return e.Next()
			},
		})
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "helpdeskBodyLimit",
			// after PocketBase's own: the smaller limit wraps the body last
			Priority: apis.DefaultBodyLimitMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				limit := security.BodyLimit(e, cfg.MaxBody)
				if limit <= 0 {
					return e.Next()
				}
				return apis.BodyLimit(limit).Func(e)
			},
		})
		return se.Next()
	})
}
