package cli

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/inbox"
	"helpdesk/internal/notify"
)

// newMailFetchCommand is `helpdesk mail fetch`: one pass over the support
// mailbox of IMAP_URL now, with the environment serve would read.
func newMailFetchCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "fetch",
		Short: "Read the support mailbox (IMAP_URL) once now and print what became of each message",
		Args:  cobra.NoArgs,
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			cfg, err := inbox.ConfigFromEnv()
			if err != nil {
				return err
			}
			n, err := notify.ConfigFromEnv()
			if err != nil {
				return err
			}
			cfg.SupportAddress = n.SupportAddress
			if !cfg.Enabled() {
				return errors.New("IMAP_URL is not set: there is no mailbox to read (see docs/mail.md)")
			}
			p, err := inbox.NewPoller(app, cfg)
			if err != nil {
				return err
			}
			defer p.Stop()
			results, err := p.Pass(cmd.Context())
			out := cmd.OutOrStdout()
			for _, r := range results {
				fmt.Fprintln(out, r.String())
			}
			if err != nil {
				return fmt.Errorf("reading the mailbox failed after %d message(s): %w", len(results), err)
			}
			if len(results) == 0 {
				fmt.Fprintln(out, "No unread messages.")
			} else {
				fmt.Fprintf(out, "%d message(s) read.\n", len(results))
			}
			return nil
		}),
	}
}
