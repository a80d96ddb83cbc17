package apptest

import (
	"bytes"
	"testing"

	"github.com/spf13/cobra"
)

// RunCommand executes cmd with args, as `helpdesk ...` would, and returns
// what it printed on stdout.
func RunCommand(t testing.TB, cmd *cobra.Command, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	return out.String(), err
}
