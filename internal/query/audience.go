package query

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/user"
)

// Audience is who may read something, from everyone up to superusers
// only; each level includes the ones above it.
type Audience int

// The audiences, widest first.
const (
	Everyone Audience = iota
	Staff
	Admins
	Superusers
)

// AudienceOf returns the widest-reaching audience the caller belongs to
// (nil: a guest).
func AudienceOf(auth *core.Record) Audience {
	switch {
	case auth == nil:
		return Everyone
	case auth.IsSuperuser():
		return Superusers
	case user.IsAdmin(auth):
		return Admins
	case user.IsStaff(auth):
		return Staff
	}
	return Everyone
}

// Includes reports whether a caller of audience a may read what is
// meant for need.
func (a Audience) Includes(need Audience) bool {
	return a >= need
}

// String names the audience as the error messages say it.
func (a Audience) String() string {
	switch a {
	case Staff:
		return "staff"
	case Admins:
		return "admins"
	case Superusers:
		return "superusers"
	}
	return "everyone"
}
