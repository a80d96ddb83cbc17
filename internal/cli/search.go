// The `helpdesk search` command: rebuild the full-text index.

package cli

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/internal/search"
)

// NewSearchCommand returns the `search` command with its `reindex`
// subcommand.
func NewSearchCommand(app core.App) *cobra.Command {
	return group("search", "Manage the full-text search index", &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from every ticket and comment (one transaction: searches see the old index until it ends)",
		Args:  cobra.NoArgs,
		RunE: migrated(app, func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			if err := search.Reindex(app); err != nil {
				return err
			}
			n, err := search.Count(app)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Indexed %d tickets in %s.\n", n, time.Since(start).Round(time.Millisecond))
			return nil
		}),
	})
}
