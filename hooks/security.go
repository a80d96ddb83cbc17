package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"helpdesk/internal/security"
	"helpdesk/internal/ticket"
)

// bindSecurity adds the security headers to every response and caps the
// body of ticket writes at what a ticket can hold.
func bindSecurity(app core.App) {
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
			Id:       "helpdeskTicketBodyLimit",
			Priority: apis.DefaultBodyLimitMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				c := security.RecordWriteCollection(e)
				if c == nil || c.Name != ticket.Collection {
					return e.Next()
				}
				multipart := strings.HasPrefix(e.Request.Header.Get("Content-Type"), "multipart/form-data")
				return apis.BodyLimit(security.RecordBodyLimit(c, multipart)).Func(e)
			},
		})
		return se.Next()
	})
}
