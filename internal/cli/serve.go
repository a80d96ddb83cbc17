// PocketBase's serve command with the helpdesk's default for browsers on
// other sites: none may call the API.

package cli

import (
	"github.com/pocketbase/pocketbase/cmd"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// SameOrigin is the --origins default. PocketBase's CORS middleware has no
// "nobody" setting and answers "*" to an empty list, so the default is a
// name no browser sends as its Origin (which always has a scheme, or is
// "null"): cross-site pages get no Access-Control-Allow-Origin and cannot
// read the API's answers; the portal, on the same origin, needs none.
const SameOrigin = "same-origin"

// NewServeCommand returns `helpdesk serve`: PocketBase's serve command whose --origins
// defaults to SameOrigin instead of "*". The desk holds customer data; a
// front-end on another origin is allowed by naming it.
func NewServeCommand(app core.App) *cobra.Command {
	serve := cmd.NewServeCommand(app, true)
	origins := serve.PersistentFlags().Lookup("origins")
	origins.DefValue = SameOrigin
	origins.Usage = "origins allowed to call the API from a browser, comma separated;\n" +
		SameOrigin + `: none but the appliance's own, "*": any`
	serve.PreRunE = func(*cobra.Command, []string) error {
		if origins.Changed {
			return nil
		}
		return origins.Value.Set(SameOrigin)
	}
	return serve
}
