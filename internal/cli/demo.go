// The `helpdesk demo` command: it fills an empty data
// dir with a demo team and a few dozen tickets, to try the helpdesk out.

package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/spf13/cobra"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// passwordLength is the length of a generated demo password;
// minPasswordLength is PocketBase's minimum for a users password.
const (
	passwordLength    = 16
	minPasswordLength = 8
)

// NewDemoCommand returns the `demo` command.
func NewDemoCommand(app core.App) *cobra.Command {
	var password string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill an empty data dir with a demo team and tickets, and print the logins",
		Long: "Fill an empty data dir (no users, no tickets) with a demo team: an admin,\n" +
			"moderators with different skills and users, and a few dozen tickets waiting\n" +
			"for the triage. Refuses a data dir that has users or tickets already.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// checked before anything is written: a refused password must
			// not leave a migrated, empty data dir behind
			if password == "" {
				password = security.RandomString(passwordLength)
			}
			if n := utf8.RuneCountInString(password); n < minPasswordLength {
				return fmt.Errorf("demo: the password must have at least %d characters (it has %d)", minPasswordLength, n)
			}
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			if err := fill(app, password); err != nil {
				return err
			}
			printLogins(cmd.OutOrStdout(), app.DataDir(), password)
			return nil
		},
	}
	cmd.Flags().StringVar(&password, "password", "", "password of every demo account (default: a random one, printed)")
	return withUsageLine(cmd)
}

// fill creates the demo team and tickets in one transaction, or nothing:
// it refuses a data dir that already has users or tickets.
func fill(app core.App, password string) error {
	return app.RunInTransaction(func(tx core.App) error {
		if err := checkEmpty(tx); err != nil {
			return err
		}
		users, err := tx.FindCollectionByNameOrId(user.Collection)
		if err != nil {
			return err
		}
		var filers []*core.Record
		for _, p := range team {
			u := core.NewRecord(users)
			u.SetEmail(p.Email)
			u.SetVerified(true)
			u.SetPassword(password)
			u.Set(user.FieldName, p.Name)
			u.Set(user.FieldRole, p.Role)
			u.Set(user.FieldSkills, p.Skills)
			if err := tx.Save(u); err != nil {
				return fmt.Errorf("demo: cannot create %s: %w", p.Email, err)
			}
			if p.Role == user.RoleUser {
				filers = append(filers, u)
			}
		}

		col, err := tx.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return err
		}
		for i, t := range tickets {
			r := core.NewRecord(col)
			r.Set(ticket.FieldTitle, t.Title)
			r.Set(ticket.FieldDescription, t.Description)
			r.Set(ticket.FieldCreatedBy, filers[i%len(filers)].Id)
			// status todo and triage pending come from the tickets model
			// hook, as for a ticket filed in the portal
			if err := tx.Save(r); err != nil {
				return fmt.Errorf("demo: cannot create the ticket %q: %w", t.Title, err)
			}
		}
		return nil
	})
}

func checkEmpty(app core.App) error {
	nUsers, err := app.CountRecords(user.Collection)
	if err != nil {
		return err
	}
	nTickets, err := app.CountRecords(ticket.Collection)
	if err != nil {
		return err
	}
	if nUsers > 0 || nTickets > 0 {
		return fmt.Errorf("demo: the data dir %s is not empty (%d users, %d tickets): "+
			"helpdesk demo only fills an empty one; run it with --dir pointing to a new directory",
			app.DataDir(), nUsers, nTickets)
	}
	return nil
}

func printLogins(out io.Writer, dataDir, password string) {
	fmt.Fprintf(out, "Demo data created in %s: %d accounts and %d tickets.\n\n", dataDir, len(team), len(tickets))
	fmt.Fprintf(out, "Logins (the password of every account is %s):\n\n", password)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ROLE\tEMAIL\tNAME\tSKILLS")
	for _, p := range team {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", p.Role, p.Email, p.Name, strings.Join(p.Skills, ", "))
	}
	w.Flush()
	fmt.Fprintf(out, "\nThe tickets wait with triage = pending: start `helpdesk serve --dir %s` and the\n"+
		"triage analyzes and assigns them to the moderators. Then sign in to the portal at the\n"+
		"server's address with one of the logins above; for the dashboard (/_/), create a\n"+
		"superuser with `helpdesk superuser upsert EMAIL PASSWORD --dir %s`.\n", dataDir, dataDir)
}
