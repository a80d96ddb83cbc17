package user

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/text"
)

// Prepare normalizes a users record before it is validated and saved: the
// name is trimmed and must be plain text, an empty role becomes "user" and
// skills are normalized. It returns field errors for a name that is not
// plain text and skills of the wrong shape.
func Prepare(r *core.Record) error {
	name := text.Trim(r.GetString(FieldName))
	r.Set(FieldName, name)
	// checked when set or changed only: a stored name must not block
	// every other edit of the account
	if r.IsNew() || name != r.Original().GetString(FieldName) {
		if err := ValidateName(name); err != nil {
			return validation.Errors{FieldName: validation.NewError("validation_invalid_name", err.Error())}
		}
	}
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
