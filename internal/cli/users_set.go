package cli

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/user"
)

func newSetRoleCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "set-role EMAIL ROLE",
		Short: "Set a user's role: user, moderator or admin",
		Args:  cobra.ExactArgs(2),
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			email := args[0]
			role, err := parseRole(args[1])
			if err != nil {
				return err
			}
			u, err := findUser(app, email)
			if err != nil {
				return err
			}
			before := u.GetString(user.FieldRole)
			u.Set(user.FieldRole, role)
			if err := app.Save(u); err != nil {
				return fmt.Errorf("users: cannot save %s: %w", email, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s is now %s (was %s).\n", u.Email(), role, before)
			return nil
		}),
	}
}

func newSetSkillsCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "set-skills EMAIL [SKILL...]",
		Short: "Replace a user's skills (normalized: trimmed, lower case); no SKILL clears them",
		Long: "Replace a user's skills. Each SKILL is one skill name; quote names with spaces\n" +
			"(\"sql server\"). Names are stored normalized, as through the API.",
		Args: cobra.MinimumNArgs(1),
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			u, err := findUser(app, args[0])
			if err != nil {
				return err
			}
			// the users model hook normalizes and validates the list, as
			// for every other writer
			u.Set(user.FieldSkills, args[1:])
			if err := app.Save(u); err != nil {
				return fmt.Errorf("users: cannot save the skills of %s: %w", u.Email(), err)
			}
			list := skillsOf(u)
			if len(list) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "%s has no skills now.\n", u.Email())
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s has the skills: %s.\n", u.Email(), strings.Join(list, ", "))
			return nil
		}),
	}
}

// parseRole reads a role as an operator types it: any case, any spaces.
func parseRole(role string) (string, error) {
	r := strings.ToLower(strings.TrimSpace(role))
	if !user.ValidRole(r) {
		return "", fmt.Errorf("users: unknown role %q: use one of %s", role, strings.Join(user.Roles, ", "))
	}
	return r, nil
}

// findUser finds a user by email, exactly or else ignoring case when that
// names a single user (operators type addresses as they remember them).
func findUser(app core.App, email string) (*core.Record, error) {
	u, err := app.FindAuthRecordByEmail(user.Collection, email)
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("users: cannot look up %q: %w", email, err)
	}
	var found []*core.Record
	err = app.RecordQuery(user.Collection).
		AndWhere(dbx.NewExp("[["+core.FieldNameEmail+"]] = {:email} COLLATE NOCASE", dbx.Params{"email": email})).
		Limit(2).
		All(&found)
	if err != nil {
		return nil, fmt.Errorf("users: cannot look up %q: %w", email, err)
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("users: no user with the email %q (see `helpdesk users list`)", email)
	}
	return found[0], nil
}
