package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/comment"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// Display fields added to records on their way out (API answers and
// realtime events alike). A requester may not read other users' records,
// yet the portal must say who is helping them ("Assigned to Dana") and who
// wrote each reply; staff need the requester's address, which
// emailVisibility hides from them.
const (
	// DisplayAssigneeName is the assignee's name on a ticket (everyone who sees it).
	DisplayAssigneeName = "assignee_name"
	// DisplayRequesterName and DisplayRequesterEmail are the creator's
	// name and address on a ticket (staff only).
	DisplayRequesterName  = "requester_name"
	DisplayRequesterEmail = "requester_email"
	// DisplayAuthorName is a comment author's name; DisplayAuthorStaff
	// whether they answered as staff.
	DisplayAuthorName  = "author_name"
	DisplayAuthorStaff = "author_staff"
)

// bindDisplayNames adds the display fields: only names (and, for staff,
// the requester's address), never another user's whole record.
func bindDisplayNames(app core.App) {
	app.OnRecordEnrich(ticket.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || e.RequestInfo.Auth == nil {
			return e.Next()
		}
		r := e.Record
		r.WithCustomData(true)
		if u := findUser(e.App, r.GetString(ticket.FieldAssignedTo)); u != nil {
			r.Set(DisplayAssigneeName, u.GetString(user.FieldName))
		} else {
			r.Set(DisplayAssigneeName, "")
		}
		if user.IsStaff(e.RequestInfo.Auth) {
			if u := findUser(e.App, r.GetString(ticket.FieldCreatedBy)); u != nil {
				r.Set(DisplayRequesterName, u.GetString(user.FieldName))
				r.Set(DisplayRequesterEmail, u.Email())
			}
		}
		return e.Next()
	})

	app.OnRecordEnrich(comment.Collection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil || e.RequestInfo.Auth == nil {
			return e.Next()
		}
		r := e.Record
		r.WithCustomData(true)
		u := findUser(e.App, r.GetString(comment.FieldAuthor))
		r.Set(DisplayAuthorName, "")
		r.Set(DisplayAuthorStaff, false)
		if u != nil {
			r.Set(DisplayAuthorName, u.GetString(user.FieldName))
			r.Set(DisplayAuthorStaff, user.IsStaff(u))
		}
		return e.Next()
	})
}

// findUser returns the users record with id, or nil (none, or deleted).
func findUser(app core.App, id string) *core.Record {
	if id == "" {
		return nil
	}
	u, err := app.FindRecordById(user.Collection, id)
	if err != nil {
		return nil
	}
	return u
}
