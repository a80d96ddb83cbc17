// The `helpdesk users` command: list the helpdesk's
// users and set a user's role or skills from the shell, for the operator
// who has no admin account in the portal yet.

package cli

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// NewUsersCommand returns the `users` command with its list, set-role and set-skills
// subcommands.
func NewUsersCommand(app core.App) *cobra.Command {
	return group("users", "List the helpdesk's users and set their role or skills", newListCommand(app), newSetRoleCommand(app), newSetSkillsCommand(app))
}
