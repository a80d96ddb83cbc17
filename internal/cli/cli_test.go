package cli_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"helpdesk/apptest"
	"helpdesk/internal/cli"
)

// command returns the helpdesk command named name, as the binary has it.
func command(t *testing.T, app core.App, name string) *cobra.Command {
	t.Helper()
	for _, c := range cli.Commands(app) {
		if c.Name() == name {
			return c
		}
	}
	t.Fatalf("no command %q", name)
	return nil
}

func TestErrorsEndWithTheUsageLine(t *testing.T) {
	app := apptest.NewApp(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"set-role", "only-one-arg"}, "Usage: users set-role EMAIL ROLE [flags]"},
		{[]string{"set-role", "nobody@example.com", "admin"}, "Usage: users set-role EMAIL ROLE [flags]"},
		{[]string{"list", "--no-such-flag"}, "Usage: users list [flags]"},
	} {
		_, err := apptest.RunCommand(t, command(t, app, "users"), tc.args...)
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("users %v: error %v, want it to end with %q", tc.args, err, tc.want)
		}
	}
}

func TestRolesAreCaseInsensitive(t *testing.T) {
	app := apptest.NewApp(t)
	apptest.CreateUser(t, app, "uma@example.com", "Uma User", "user")
	if _, err := runUsers(t, app, "set-role", "uma@example.com", " Moderator "); err != nil {
		t.Fatal(err)
	}
	if role, _ := stored(t, app, "uma@example.com"); role != "moderator" {
		t.Fatalf("role %q, want moderator", role)
	}
	out, err := runUsers(t, app, "list", "--role", "MODERATOR")
	if err != nil || !strings.Contains(out, "uma@example.com") {
		t.Fatalf("list --role MODERATOR: %v\n%s", err, out)
	}
}

func TestVersion(t *testing.T) {
	for set, want := range map[string]string{"1.2.3": "1.2.3 (PocketBase ", "": " (PocketBase "} {
		if got := cli.Version(set); !strings.Contains(got, want) {
			t.Errorf("Version(%q) = %q, want it to contain %q", set, got, want)
		}
	}
}
