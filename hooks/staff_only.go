package hooks

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// bindStaffOnlyFields keeps helpful_notes, related_skills and
// resource_links away from plain users: hidden from every response and
// realtime message (both go through the enrich hook), and refused in
// filters and sorts so that they cannot be probed either.
func bindStaffOnlyFields(app core.App) {
	app.OnRecordEnrich(ticket.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || !user.IsStaff(e.RequestInfo.Auth) {
			e.Record.Hide(ticket.StaffOnlyFields...)
		}
		return e.Next()
	})

	app.OnRecordsListRequest().BindFunc(func(e *core.RecordsListRequestEvent) error {
		if user.IsStaff(e.Auth) {
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
		if user.IsStaff(e.Auth) {
			return e.Next()
		}
		for _, sub := range e.Subscriptions {
			for _, expr := range subscriptionQuery(sub) {
				if f := mentionedStaffField(expr); f != "" {
					return e.BadRequestError("Invalid subscription.", validation.Errors{
						"subscriptions": validation.NewError("validation_field_forbidden", "Filtering by "+f+" is for staff only."),
					})
				}
			}
		}
		return e.Next()
	})
}

// subscriptionQuery returns the query values a realtime subscription
// carries in its options, decoded the way PocketBase's subscriptions
// broker decodes them (URL query, then JSON, so that \u escapes cannot
// hide a field name), plus the raw topic itself.
func subscriptionQuery(sub string) []string {
	out := []string{sub}
	u, err := url.Parse(sub)
	if err != nil {
		return out
	}
	raw := u.Query().Get("options")
	out = append(out, raw)
	var opts struct {
		Query map[string]any `json:"query"`
	}
	if json.Unmarshal([]byte(raw), &opts) == nil {
		for _, v := range opts.Query {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

func mentionedStaffField(expr string) string {
	for _, f := range ticket.StaffOnlyFields {
		if strings.Contains(expr, f) {
			return f
		}
	}
	return ""
}
