package hooks

import (
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"helpdesk/internal/query"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// errNotInScope keeps a realtime event from a subscriber outside the
// ticket's list scope.
var errNotInScope = errors.New("the ticket is outside the subscriber's list scope")

// bindTicketListScope enforces who lists which tickets. The list rule
// admits every signed-in user, because reading the caller's role in it
// would make PocketBase join users and select DISTINCT, and no index
// would serve any list (admins' included). So before PocketBase runs a
// non-admin's list, their scope (ticket.ListScope: created by them or
// assigned to them) is AND-ed onto their filter, an indexed query; and
// the same scope keeps a collection-wide realtime subscription (which
// PocketBase checks with the list rule) from carrying anyone else's
// ticket. The view, update and delete rules still read the role.
func bindTicketListScope(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "helpdeskTicketListScope",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2, // needs e.Auth; after the query policy
			Func: func(e *core.RequestEvent) error {
				c := routeCollection(e, query.RecordsList)
				if c == nil || c.Name != ticket.Collection || e.Auth == nil {
					return e.Next() // guests: the rule lists nothing
				}
				if user.IsAdmin(e.Auth) {
					countTicketsTotal(e) // every ticket: the total is the cost
					return e.Next()
				}
				scope := ticket.ListScope(e.Auth.Id)
				if scope == "" {
					return e.ForbiddenError("Your account cannot list tickets.", nil)
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

	bindTicketsTotal(app)

	// a realtime event is enriched once per subscriber, after PocketBase
	// checked its rule: an error here drops it for that subscriber only
	app.OnRecordEnrich(ticket.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		info := e.RequestInfo
		if info == nil || info.Context != core.RequestInfoContextRealtime || inListScope(info.Auth, e.Record) {
			return e.Next()
		}
		return errNotInScope
	})
}

// inListScope reports whether auth may list t: the list rule plus the
// scope of bindTicketListScope.
func inListScope(auth *core.Record, t *core.Record) bool {
	if auth == nil {
		return false
	}
	if user.IsAdmin(auth) {
		return true
	}
	return auth.Id != "" && (t.GetString(ticket.FieldCreatedBy) == auth.Id || t.GetString(ticket.FieldAssignedTo) == auth.Id)
}
