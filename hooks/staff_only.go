package hooks

import (
	"net/url"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/roles"
	"helpdesk/internal/ticket"
)

// bindStaffOnlyFields keeps helpful_notes, related_skills and
// resource_links away from plain users: hidden from every response and
// realtime message (both go through the enrich hook), and refused in
// filters and sorts so that they cannot be probed either.
func bindStaffOnlyFields(app core.App) {
	app.OnRecordEnrich(ticket.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || !roles.IsStaff(e.RequestInfo.Auth) {
			e.Record.Hide(ticket.StaffOnlyFields...)
		}
		return e.Next()
	})

	app.OnRecordsListRequest().BindFunc(func(e *core.RecordsListRequestEvent) error {
		if roles.IsStaff(e.Auth) {
			return e.Next()
		}
		q := e.Request.URL.Query()
		for _, param := range []string{"filter", "sort"} {
			if f := mentionedStaffField(q.Get(param)); f != "" {
				return e.BadRequestError("Invalid "+param+".", validation.Errors{
					param: validation.NewError("validation_field_forbidden", "Filtering or sorting by "+f+" is for staff only."),
				})
			}
		}
		return e.Next()
	})

	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if roles.IsStaff(e.Auth) {
			return e.Next()
		}
		for _, sub := range e.Subscriptions {
			raw := sub
			if u, err := url.QueryUnescape(sub); err == nil {
				raw = u
			}
			if f := mentionedStaffField(raw); f != "" {
				return e.BadRequestError("Invalid subscription.", validation.Errors{
					"subscriptions": validation.NewError("validation_field_forbidden", "Filtering by "+f+" is for staff only."),
				})
			}
		}
		return e.Next()
	})
}

func mentionedStaffField(expr string) string {
	for _, f := range ticket.StaffOnlyFields {
		if strings.Contains(expr, f) {
			return f
		}
	}
	return ""
}
