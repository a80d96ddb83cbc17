package hooks

import (
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/apidocs"
	"helpdesk/internal/presence"
	"helpdesk/internal/stats"
	"helpdesk/internal/user"
)

// Access says who may call a route.
type Access string

// Access levels, from the widest to the narrowest.
const (
	Public   Access = "public"    // anyone, signed in or not
	SignedIn Access = "signed-in" // any signed-in user or superuser
	Staff    Access = "staff"     // moderators, admins and superusers
	Admin    Access = "admin"     // admins and superusers
)

// Route is one custom HTTP route of the helpdesk.
type Route struct {
	Method  string
	Path    string
	Access  Access
	Handler func(*core.RequestEvent) error
}

// Routes is the table of every custom route the helpdesk serves: Setup
// binds it, and the route and OpenAPI tests read it. openapi is the API
// document served at /api/docs; without it those routes are left out.
func Routes(openapi []byte) ([]Route, error) {
	table := []Route{
		{http.MethodGet, metaPath, Public, nil}, // getMeta, given the whole table below
		{http.MethodGet, "/api/helpdesk/online", Admin, listOnline},
		{http.MethodGet, "/api/helpdesk/stats", Staff, getStats},
		{http.MethodGet, "/api/helpdesk/search", SignedIn, searchTickets},
		{http.MethodGet, "/api/helpdesk/tickets/{id}/similar", Staff, similarTickets},
	}
	if openapi == nil {
		return withMeta(table), nil
	}
	docs, err := apidocs.New(openapi)
	if err != nil {
		return nil, fmt.Errorf("api docs: %w", err)
	}
	return withMeta(append(table,
		Route{http.MethodGet, "/api/docs", Public, serveBytes("text/html; charset=utf-8", docs.Page)},
		Route{http.MethodGet, apidocs.YAMLPath, Public, serveBytes("application/yaml; charset=utf-8", docs.YAML)},
		Route{http.MethodGet, apidocs.StylePath, Public, serveBytes("text/css; charset=utf-8", apidocs.Style)},
	)), nil
}

// withMeta gives the meta route its handler, which lists the table.
func withMeta(table []Route) []Route {
	for i := range table {
		if table[i].Path == metaPath {
			table[i].Handler = getMeta(table)
		}
	}
	return table
}

// bindRoutes adds the table's routes to the router, each behind the check
// of its Access.
func bindRoutes(app core.App, table []Route) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		for _, r := range table {
			se.Router.Route(r.Method, r.Path, guard(r.Access, r.Handler))
		}
		return se.Next()
	})
}

// guard answers 401 to guests and 403 to callers below the route's Access.
func guard(access Access, next func(*core.RequestEvent) error) func(*core.RequestEvent) error {
	if access == Public {
		return next
	}
	return func(e *core.RequestEvent) error {
		if e.Auth == nil {
			return e.UnauthorizedError("The request requires valid record authorization token.", nil)
		}
		if access == Admin && !user.IsAdmin(e.Auth) {
			return e.ForbiddenError("Only admins can do this.", nil)
		}
		if access == Staff && !user.IsStaff(e.Auth) {
			return e.ForbiddenError("Only staff can do this.", nil)
		}
		return next(e)
	}
}

// listOnline answers who is connected to realtime now.
func listOnline(e *core.RequestEvent) error {
	return e.JSON(http.StatusOK, map[string]any{"items": presence.Online(e.App.SubscriptionsBroker())})
}

// getStats answers the team figures: a moderator gets those of the tickets
// assigned to them, an admin everyone's.
func getStats(e *core.RequestEvent) error {
	var scope stats.Scope
	if !user.IsAdmin(e.Auth) {
		scope.AssignedTo = e.Auth.Id
	}
	report, err := stats.Compute(e.App, scope, time.Now())
	if err != nil {
		return e.InternalServerError("Failed to compute the stats.", err)
	}
	return e.JSON(http.StatusOK, report)
}

func serveBytes(contentType string, b []byte) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		return e.Blob(http.StatusOK, contentType, b)
	}
}
