package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/cmd"
	"github.com/spf13/cobra"
)

// Run runs the command line. A command that fails on a data dir this very
// run created removes it again: a failed first command (a demo with a
// refused password, say) leaves no half-made data dir behind.
func Run(app *pocketbase.PocketBase) error {
	// the health check runs beside a serving process, often as another
	// user: it must not open (or create) the data dir as any other
	// command would, so it runs before PocketBase bootstraps
	if len(os.Args) > 1 && os.Args[1] == healthCommand {
		cmd := NewHealthCommand()
		cmd.SetArgs(os.Args[2:])
		cmd.SilenceUsage, cmd.SilenceErrors = true, true // the caller prints the error
		return cmd.Execute()
	}
	dir := app.DataDir()
	_, statErr := os.Stat(dir)
	fresh := errors.Is(statErr, fs.ErrNotExist)
	// PocketBase's Start, with our serve command (its --origins defaults
	// to same-origin, not "*")
	app.RootCmd.AddCommand(cmd.NewSuperuserCommand(app), NewServeCommand(app))
	err := app.Execute()
	if err != nil && fresh {
		_ = os.RemoveAll(dir)
	}
	return err
}

// withUsageLine makes root and every command under it end its errors with
// the command's usage line, as a shell user expects, without cobra's whole
// help. It returns root.
func withUsageLine(root *cobra.Command) *cobra.Command {
	for _, c := range root.Commands() {
		withUsageLine(c)
	}
	if args := root.Args; args != nil {
		root.Args = func(cmd *cobra.Command, a []string) error {
			return usageError(cmd, args(cmd, a))
		}
	}
	if run := root.RunE; run != nil {
		root.RunE = func(cmd *cobra.Command, a []string) error {
			return usageError(cmd, run(cmd, a))
		}
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError(cmd, err)
	})
	root.SilenceUsage = true
	return root
}

func usageError(cmd *cobra.Command, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w\nUsage: %s", err, cmd.UseLine())
}
