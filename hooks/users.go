package hooks

import (
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/account"
	"helpdesk/internal/roles"
)

func bindUsers(app core.App) {
	// model level: every path (API, dashboard, CLI, workers) stores
	// normalized skills and a role.
	prepare := func(e *core.RecordEvent) error {
		if err := account.Prepare(e.Record); err != nil {
			return err
		}
		return e.Next()
	}
	app.OnRecordCreate("users").BindFunc(prepare)
	app.OnRecordUpdate("users").BindFunc(prepare)

	app.OnRecordCreateRequest("users").BindFunc(func(e *core.RecordRequestEvent) error {
		if err := checkUserBodyTypes(e); err != nil {
			return err
		}
		// admins and superusers may open accounts for staff directly
		if !roles.IsAdmin(e.Auth) {
			if r := strings.TrimSpace(e.Record.GetString("role")); r != "" && r != roles.User {
				return e.BadRequestError("Failed to create record.", validation.Errors{
					"role": validation.NewError("validation_role_forbidden", "A new account always has the role user."),
				})
			}
			e.Record.Set("role", roles.User)
		}
		return e.Next()
	})

	app.OnRecordUpdateRequest("users").BindFunc(func(e *core.RecordRequestEvent) error {
		if err := checkUserBodyTypes(e); err != nil {
			return err
		}
		if !roles.IsAdmin(e.Auth) && e.Record.GetString("role") != e.Record.Original().GetString("role") {
			return e.ForbiddenError("Only an admin can change a role.", validation.Errors{
				"role": validation.NewError("validation_role_forbidden", "Only an admin can change a role."),
			})
		}
		return e.Next()
	})
}

func checkUserBodyTypes(e *core.RecordRequestEvent) error {
	if errs := fieldErrors("validation_invalid_type", account.BodyTypeErrors(jsonBody(e.RequestEvent))); len(errs) > 0 {
		return e.BadRequestError("Failed to save record.", errs)
	}
	return nil
}
