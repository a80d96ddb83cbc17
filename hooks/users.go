package hooks

import (
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/user"
)

func bindUsers(app core.App) {
	// model level: every path (API, dashboard, CLI, workers) stores
	// normalized skills and a role.
	prepare := func(e *core.RecordEvent) error {
		if err := user.Prepare(e.Record); err != nil {
			return err
		}
		return e.Next()
	}
	app.OnRecordCreate(user.Collection).BindFunc(prepare)
	app.OnRecordUpdate(user.Collection).BindFunc(prepare)

	app.OnRecordCreateRequest(user.Collection).BindFunc(func(e *core.RecordRequestEvent) error {
		if err := checkUserBodyTypes(e); err != nil {
			return err
		}
		// admins and superusers may open accounts for staff directly
		if !user.IsAdmin(e.Auth) {
			if r := strings.TrimSpace(e.Record.GetString(user.FieldRole)); r != "" && r != user.RoleUser {
				return e.BadRequestError("Failed to create record.", validation.Errors{
					user.FieldRole: validation.NewError("validation_role_forbidden", "A new account always has the role user."),
				})
			}
			e.Record.Set(user.FieldRole, user.RoleUser)
		}
		return e.Next()
	})

	app.OnRecordUpdateRequest(user.Collection).BindFunc(func(e *core.RecordRequestEvent) error {
		if err := checkUserBodyTypes(e); err != nil {
			return err
		}
		if !user.IsAdmin(e.Auth) && e.Record.GetString(user.FieldRole) != e.Record.Original().GetString(user.FieldRole) {
			return e.ForbiddenError("Only an admin can change a role.", validation.Errors{
				user.FieldRole: validation.NewError("validation_role_forbidden", "Only an admin can change a role."),
			})
		}
		return e.Next()
	})
}

func checkUserBodyTypes(e *core.RecordRequestEvent) error {
	if errs := fieldErrors("validation_invalid_type", user.BodyTypeErrors(jsonBody(e.RequestEvent))); len(errs) > 0 {
		return e.BadRequestError("Failed to save record.", errs)
	}
	return nil
}
