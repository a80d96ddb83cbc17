package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"helpdesk/internal/query"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindTicketListScope narrows a non-admin's ticket list to their own rows
// before PocketBase runs it (see ticket.ListScope): same results, an
// indexed query instead of a scan of every ticket.
func bindTicketListScope(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "helpdeskTicketListScope",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2, // needs e.Auth; after the query policy
			Func: func(e *core.RequestEvent) error {
				if e.Auth == nil || user.IsAdmin(e.Auth) {
					return e.Next()
				}
				c := routeCollection(e, query.RecordsList)
				scope := ticket.ListScope(e.Auth.Id)
				if c == nil || c.Name != ticket.Collection || scope == "" {
					return e.Next()
				}
				q := e.Request.URL.Query()
				filter, err := query.AndFilter(scope, q.Get("filter"))
				if err != nil {
					return e.BadRequestError("Invalid filter.", validation.Errors{
						"filter": validation.NewError("validation_invalid_filter", "The filter cannot be parsed on its own: "+err.Error()),
					})
				}
				q.Set("filter", filter)
				e.Request.URL.RawQuery = q.Encode()
				return e.Next()
			},
		})
		return se.Next()
	})
}
