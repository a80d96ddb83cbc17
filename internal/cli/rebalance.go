package cli

import (
	"fmt"
	"io"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/assign"
)

// newRebalanceCommand is `helpdesk triage rebalance`; it routes by
// ROUTING_SLACK as the server does.
func newRebalanceCommand(app core.App) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "rebalance [--dry-run]",
		Short: "Route the open tickets of available staff again by the routing rules and print what moved",
		Long: "Route again every open, triaged ticket held by staff who are not away, and the ones\n" +
			"nobody holds, by the routing rules (skills, load, ROUTING_SLACK, away, max_open).\n" +
			"Tickets assigned by hand stay; a ticket stays with its holder when the holder would\n" +
			"win it anyway. Each move is an assigned event and a mail to the new assignee.",
		Args: cobra.NoArgs,
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			routing, err := assign.ConfigFromEnv()
			if err != nil {
				return err
			}
			var moves []assign.Move
			err = app.RunInTransaction(func(txApp core.App) error {
				var err error
				moves, err = routing.Rebalance(txApp, dryRun)
				return err
			})
			if err != nil {
				return err
			}
			printMoves(cmd.OutOrStdout(), moves, dryRun)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would move without moving anything")
	return cmd
}

func printMoves(out io.Writer, moves []assign.Move, dryRun bool) {
	verb := "Moved"
	if dryRun {
		verb = "Would move"
	}
	for _, m := range moves {
		fmt.Fprintf(out, "#%d %s %q: %s -> %s (%s)\n", m.Number, m.TicketID, m.Title, moveParty(m.From, m.FromName), moveParty(m.To, m.ToName), m.Reason)
	}
	fmt.Fprintf(out, "%s %d ticket(s).\n", verb, len(moves))
}

func moveParty(id, name string) string {
	switch {
	case id == "":
		return "nobody"
	case name == "":
		return id
	}
	return name + " (" + id + ")"
}
