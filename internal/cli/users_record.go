package cli

import (
	"cmp"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/user"
)

// skillsOf returns a user's stored skills.
func skillsOf(u *core.Record) []string {
	var list []string
	if err := u.UnmarshalJSONField(user.FieldSkills, &list); err != nil {
		return nil
	}
	return list
}

// sortUsers puts the staff first (admins, moderators, then users), each
// role by email.
func sortUsers(users []*core.Record) {
	rank := func(u *core.Record) int { return -slices.Index(user.Roles, u.GetString(user.FieldRole)) }
	slices.SortFunc(users, func(a, b *core.Record) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Email(), b.Email()))
	})
}
