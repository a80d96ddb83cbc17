// Package roles names the helpdesk roles stored in users.role and answers
// who counts as staff.
package roles

import "github.com/pocketbase/pocketbase/core"

// The values of the users.role select field.
const (
	User      = "user"
	Moderator = "moderator"
	Admin     = "admin"
)

// All lists every role, in the order the schema declares them.
var All = []string{User, Moderator, Admin}

// Valid reports whether r is one of the known roles.
func Valid(r string) bool {
	return r == User || r == Moderator || r == Admin
}

// Of returns the role of an auth record ("" for nil or non-users records).
func Of(auth *core.Record) string {
	if auth == nil || auth.Collection().Name != "users" {
		return ""
	}
	return auth.GetString("role")
}

// IsStaff reports whether the auth record is a moderator, an admin or a
// dashboard superuser: the people who may see the analysis fields.
func IsStaff(auth *core.Record) bool {
	if auth == nil {
		return false
	}
	if auth.IsSuperuser() {
		return true
	}
	r := Of(auth)
	return r == Moderator || r == Admin
}

// IsAdmin reports whether the auth record is an admin or a superuser.
func IsAdmin(auth *core.Record) bool {
	if auth == nil {
		return false
	}
	return auth.IsSuperuser() || Of(auth) == Admin
}
