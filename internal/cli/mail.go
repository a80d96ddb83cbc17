// The `helpdesk mail` command: send a test mail with
// the dashboard's SMTP settings, re-queue failed mails, and read the
// support mailbox once.

package cli

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/mail"
)

// NewMailCommand returns the `mail` command with its `test`, `retry` and
// `fetch` subcommands.
func NewMailCommand(app core.App) *cobra.Command {
	return group("mail", "Test the SMTP settings, manage the mail outbox and read the support mailbox", newTestCommand(app), newMailRetryCommand(app), newMailFetchCommand(app))
}

func newTestCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "test ADDRESS",
		Short: "Send a test mail to ADDRESS now, with the settings of Dashboard → Settings → Mail",
		Args:  cobra.ExactArgs(1),
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			to := args[0]
			msg := mail.Message{
				To:      to,
				Subject: "Test mail from " + app.Settings().Meta.AppName,
				Text:    "This is a test mail sent by `helpdesk mail test`. Mail works.",
				HTML:    "<p>This is a test mail sent by <code>helpdesk mail test</code>. Mail works.</p>",
			}
			if err := msg.Validate(); err != nil {
				return err
			}
			t := mail.TransportOf(app, mail.DefaultSendTimeout)
			server := "SMTP (not configured)"
			if t.SMTP.Enabled {
				server = net.JoinHostPort(t.SMTP.Host, strconv.Itoa(t.SMTP.Port))
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), mail.DefaultSendTimeout)
			defer cancel()
			if err := t.Send(ctx, msg, ""); err != nil {
				p := mail.Classify(err)
				return fmt.Errorf("test mail to %s via %s failed (%s): %s\n  cause: %w", to, server, p, p.Hint(), err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Test mail sent to %s via %s.\n", to, server)
			return nil
		}),
	}
}

func newMailRetryCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "retry",
		Short: "Queue every failed mail again, with a fresh budget of attempts",
		Args:  cobra.NoArgs,
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			n, err := mail.RequeueFailed(app)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Re-queued %d failed mail(s); a running server sends them within its sweep interval.\n", n)
			return nil
		}),
	}
}
