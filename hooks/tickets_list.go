package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindTicketListScope narrows a non-admin's ticket list to their own rows
// before PocketBase runs it (see ticket.ScopeListFilter): same results, an
// indexed query instead of a scan of every ticket.
func bindTicketListScope(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "helpdeskTicketListScope",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1, // needs e.Auth
			Func: func(e *core.RequestEvent) error {
				if e.Request.Method != http.MethodGet || e.Auth == nil || user.IsAdmin(e.Auth) || !isTicketList(e) {
					return e.Next()
				}
				q := e.Request.URL.Query()
				q.Set("filter", ticket.ScopeListFilter(e.Auth.Id, q.Get("filter")))
				e.Request.URL.RawQuery = q.Encode()
				return e.Next()
			},
		})
		return se.Next()
	})
}

func isTicketList(e *core.RequestEvent) bool {
	p := e.Request.URL.Path
	if p == "/api/collections/"+ticket.Collection+"/records" {
		return true
	}
	c, err := e.App.FindCachedCollectionByNameOrId(ticket.Collection)
	return err == nil && p == "/api/collections/"+c.Id+"/records"
}
