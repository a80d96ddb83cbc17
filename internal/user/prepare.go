package user

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/text"
)

// Prepare normalizes a users record before it is validated and saved: the
// name is trimmed, an empty role becomes "user" and skills are normalized.
// It returns field errors for skills of the wrong shape.
func Prepare(r *core.Record) error {
	r.Set(FieldName, text.Trim(r.GetString(FieldName)))
	if r.GetString(FieldRole) == "" {
		r.Set(FieldRole, RoleUser)
	}
	list, err := NormalizeSkills(r.Get(FieldSkills))
	if err != nil {
		return validation.Errors{FieldSkills: validation.NewError("validation_invalid_skills", err.Error())}
	}
	r.Set(FieldSkills, list)
	return nil
}
