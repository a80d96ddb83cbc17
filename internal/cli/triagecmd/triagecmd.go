// Package triagecmd is the `helpdesk triage` command: see the triage
// queue and queue tickets again.
package triagecmd

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/assign"
	"helpdesk/internal/ticket"
	"helpdesk/internal/triage"
)

// New returns the `triage` command with its `status`, `retry` and
// `rebalance` subcommands; routing is what rebalance routes by.
func New(app core.App, routing assign.Config) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "triage",
		Short: "Show the triage queue, queue tickets again and rebalance the assignments",
	}
	cmd.AddCommand(newStatusCommand(app), newRetryCommand(app), newRebalanceCommand(app, routing))
	return cmd
}

func newStatusCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "status",
		Short:        "Count the tickets per triage state and show the oldest waiting one",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
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
		},
	}
}

func newRetryCommand(app core.App) *cobra.Command {
	var failed bool
	cmd := &cobra.Command{
		Use:          "retry [--failed] [TICKET_ID...]",
		Short:        "Queue tickets for triage again: the given ones, and with --failed every failed one",
		SilenceUsage: true,
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
