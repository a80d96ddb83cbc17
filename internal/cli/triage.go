// The `helpdesk triage` command: see the triage
// queue and queue tickets again.

package cli

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/ticket"
	"helpdesk/internal/triage"
)

// NewTriageCommand returns the `triage` command with its `status`, `retry`
// and `rebalance` subcommands.
func NewTriageCommand(app core.App) *cobra.Command {
	return group("triage", "Show the triage queue, queue tickets again and rebalance the assignments",
		newStatusCommand(app), newTriageRetryCommand(app), newRebalanceCommand(app))
}

func newStatusCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Count the tickets per triage state and show the oldest waiting one",
		Args:  cobra.NoArgs,
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			counts, err := triage.Counts(app)
			if err != nil {
				return err
			}
			oldest, err := triage.OldestWaiting(app)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "TRIAGE\tTICKETS")
			for _, s := range ticket.Triages {
				fmt.Fprintf(w, "%s\t%d\n", s, counts[s])
			}
			if err := w.Flush(); err != nil {
				return err
			}
			if oldest == nil {
				fmt.Fprintln(out, "No ticket is waiting.")
				return nil
			}
			created := oldest.GetDateTime("created").Time()
			fmt.Fprintf(out, "Oldest waiting: %s %q (%s, created %s, %s ago)\n",
				oldest.Id, oldest.GetString(ticket.FieldTitle), oldest.GetString(ticket.FieldTriage),
				created.UTC().Format(time.RFC3339), time.Since(created).Round(time.Second))
			return nil
		}),
	}
}

func newTriageRetryCommand(app core.App) *cobra.Command {
	var failed bool
	cmd := &cobra.Command{
		Use:   "retry [--failed] [TICKET_ID...]",
		Short: "Queue tickets for triage again: the given ones, and with --failed every failed one",
		RunE: func(cmd *cobra.Command, args []string) error {
			if !failed && len(args) == 0 {
				return errors.New("name the tickets to queue again (TICKET_ID...) or use --failed")
			}
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			n, err := triage.Requeue(app, args)
			if err != nil {
				return err
			}
			if failed {
				m, err := triage.RequeueFailed(app)
				if err != nil {
					return err
				}
				n += m
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Queued %d ticket(s) for triage; a running server takes them within its sweep interval (TRIAGE_SWEEP_INTERVAL).\n", n)
			return nil
		},
	}
	cmd.Flags().BoolVar(&failed, "failed", false, "queue every ticket whose triage failed")
	return cmd
}
