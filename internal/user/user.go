// Package user holds the users contract: the collection and field names,
// the roles and who counts as staff, the skills and how they are
// normalized, and the preparation of an account before it is saved.
package user

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
)

// Collection is the name of the users (auth) collection.
const Collection = "users"

// Field names of the users collection beyond PocketBase's auth fields.
const (
	FieldName   = "name"
	FieldRole   = "role"
	FieldSkills = "skills"
	FieldEmail  = core.FieldNameEmail
	// FieldMuteNotifications turns off the notification mails about
	// tickets (its zero value, false, keeps them on); the welcome and
	// security mails are always sent.
	FieldMuteNotifications = "mute_notifications"
	// FieldNeedsPassword marks an account the desk made for someone who
	// wrote to the support address: it has no usable password until its
	// owner sets one (the receipt mail links to that).
	FieldNeedsPassword = "needs_password"
	// FieldAway marks staff who are away: the routing never assigns them
	// anything, and their routed tickets go to colleagues.
	FieldAway = "away"
	// FieldMaxOpen caps the open tickets the routing gives a staff
	// member; 0 means no limit.
	FieldMaxOpen = "max_open"
)

// Limits of the name field.
const (
	NameMin = 2
	NameMax = 100
)

// The values of the role select field.
const (
	RoleUser      = "user"
	RoleModerator = "moderator"
	RoleAdmin     = "admin"
)

// Roles lists every role, in the order the schema declares them.
var Roles = []string{RoleUser, RoleModerator, RoleAdmin}

// RoleRank orders the roles: user 0, moderator 1, admin 2 (-1 unknown).
// A change to a lower rank is a demotion.
func RoleRank(r string) int { return slices.Index(Roles, r) }

// ValidRole reports whether r is one of the known roles.
func ValidRole(r string) bool {
	return r == RoleUser || r == RoleModerator || r == RoleAdmin
}

// RoleOf returns the role of an auth record ("" for nil or records of
// another collection, superusers among them).
func RoleOf(auth *core.Record) string {
	if auth == nil || auth.Collection().Name != Collection {
		return ""
	}
	return auth.GetString(FieldRole)
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
	r := RoleOf(auth)
	return r == RoleModerator || r == RoleAdmin
}

// IsAdmin reports whether the auth record is an admin or a superuser.
func IsAdmin(auth *core.Record) bool {
	if auth == nil {
		return false
	}
	return auth.IsSuperuser() || RoleOf(auth) == RoleAdmin
}
