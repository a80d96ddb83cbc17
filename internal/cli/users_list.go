package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/user"
)

func newListCommand(app core.App) *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the users (email, name, role, skills), by role then email",
		Args:  cobra.NoArgs,
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			filter := dbx.Expression(nil)
			if role != "" {
				r, err := parseRole(role)
				if err != nil {
					return err
				}
				filter = dbx.HashExp{user.FieldRole: r}
			}
			users, err := app.FindAllRecords(user.Collection, filter)
			if err != nil {
				return fmt.Errorf("users: cannot list the users: %w", err)
			}
			sortUsers(users)
			out := cmd.OutOrStdout()
			if len(users) == 0 {
				fmt.Fprintln(out, "No users.")
				return nil
			}
			w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tSKILLS")
			for _, u := range users {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Email(), u.GetString(user.FieldName), u.GetString(user.FieldRole), strings.Join(skillsOf(u), ", "))
			}
			return w.Flush()
		}),
	}
	cmd.Flags().StringVar(&role, "role", "", "only the users with this role (user, moderator or admin)")
	return cmd
}
