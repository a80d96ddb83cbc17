// Package account holds the rules of the users collection beyond its
// schema: the default role and normalized skills.
package account

import (
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/roles"
	"helpdesk/internal/skills"
)

// Prepare normalizes a users record before it is validated and saved: the
// name is trimmed, an empty role becomes "user" and skills are normalized.
// It returns field errors for skills of the wrong shape.
func Prepare(r *core.Record) error {
	r.Set("name", strings.TrimSpace(r.GetString("name")))
	if r.GetString("role") == "" {
		r.Set("role", roles.User)
	}
	list, err := skills.Normalize(r.Get("skills"))
	if err != nil {
		return validation.Errors{"skills": validation.NewError("validation_invalid_skills", err.Error())}
	}
	r.Set("skills", list)
	return nil
}
