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

// bindStaffOnlyFields keeps what a caller may not read out of what they
// receive and out of what they may filter, sort or subscribe by
// (query.Default): helpful_notes, related_skills and resource_links are
// hidden from every response and realtime message of a plain user (both
// go through the enrich hook), and no filter or sort may probe them or
// other protected fields (users' emails, back-relations).
func bindStaffOnlyFields(app core.App) {
	app.OnRecordEnrich(ticket.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || !user.IsStaff(e.RequestInfo.Auth) {
			e.Record.Hide(ticket.StaffOnlyFields...)
		}
		return e.Next()
	})

	// a middleware rather than OnRecordsListRequest, which fires after the
	// query has run
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "helpdeskQueryPolicy",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1, // needs e.Auth
			Func: func(e *core.RequestEvent) error {
				c := routeCollection(e, query.RecordsList)
				if c == nil {
					return e.Next()
				}
				who, q := query.AudienceOf(e.Auth), e.Request.URL.Query()
				if err := query.Default.CheckFilter(e.App, c, who, q.Get("filter")); err != nil {
					return queryRefused(e, "filter", err)
				}
				if err := query.Default.CheckSort(e.App, c, who, q.Get("sort")); err != nil {
					return queryRefused(e, "sort", err)
				}
				return e.Next()
			},
		})
		return se.Next()
	})

	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		who := query.AudienceOf(e.Auth)
		for _, sub := range e.Subscriptions {
			if err := query.Default.CheckSubscription(e.App, who, sub); err != nil {
				return e.BadRequestError("Invalid subscription.", validation.Errors{
					"subscriptions": validation.NewError("validation_field_forbidden", err.Error()),
				})
			}
		}
		return e.Next()
	})
}

// routeCollection returns the collection of a request of the given kind,
// or nil for any other request or an unknown collection (PocketBase
// answers that one itself).
func routeCollection(e *core.RequestEvent, kind query.Kind) *core.Collection {
	r := query.RouteOf(e.Request)
	if r.Kind != kind {
		return nil
	}
	c, err := e.App.FindCachedCollectionByNameOrId(r.Collection)
	if err != nil {
		return nil
	}
	return c
}

func queryRefused(e *core.RequestEvent, param string, err error) error {
	var r *query.Refusal
	if !errors.As(err, &r) {
		return e.BadRequestError("Invalid "+param+".", validation.Errors{
			param: validation.NewError("validation_invalid_"+param, "PocketBase cannot parse this "+param+": "+err.Error()),
		})
	}
	errs := validation.Errors{param: validation.NewError("validation_field_forbidden", r.Error())}
	if r.SuperuserOnly {
		// PocketBase's own status and wording for these
		return e.ForbiddenError("Only superusers can filter by "+r.Identifier+".", errs)
	}
	return e.BadRequestError("Invalid "+param+".", errs)
}
