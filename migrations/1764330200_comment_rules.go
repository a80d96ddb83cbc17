package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/comment"
	"helpdesk/internal/user"
)

// Comments: the create rule asks only for a signed-in user. PocketBase
// checks a create rule before the request hooks and answers a bare 400
// when it fails, so a comment on an unknown or hidden ticket could not
// name the field; the comments hook checks the ticket against the tickets
// view rule instead and names `ticket` (hooks/comments.go).
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(comment.Collection)
		if err != nil {
			return err
		}
		c.CreateRule = types.Pointer(user.RuleSignedIn)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(comment.Collection)
		if err != nil {
			return err
		}
		c.CreateRule = types.Pointer(user.RuleSignedIn + ` && (` + user.RuleAdmin + ` || ticket.assigned_to = @request.auth.id || ticket.created_by = @request.auth.id)`)
		return app.Save(c)
	})
}
