package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// The conversation: ticket numbers, attachments and response times on
// tickets, the comments collection, who may read a ticket's history, and
// the users' switch for notification mails.
func init() {
	m.Register(func(app core.App) error {
		tickets, users, err := ticketsAndUsers(app)
		if err != nil {
			return err
		}

		// numbers come from a counter, so that a deleted ticket's number
		// is never given again
		if _, err := app.DB().NewQuery(`CREATE TABLE IF NOT EXISTS helpdesk_sequences (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)`).Execute(); err != nil {
			return err
		}
		tickets.Fields.Add(
			&core.NumberField{Name: ticket.FieldNumber, OnlyInt: true, Min: types.Pointer(1.0)},
			&core.FileField{Name: ticket.FieldAttachments, MaxSelect: ticket.AttachmentsMax, MaxSize: ticket.AttachmentMaxSize, Protected: true},
			&core.DateField{Name: ticket.FieldFirstResponseAt},
			&core.DateField{Name: ticket.FieldResolvedAt},
		)
		if err := app.Save(tickets); err != nil {
			return err
		}
		// existing tickets are numbered in creation order
		if _, err := app.DB().NewQuery(`UPDATE tickets SET number = (SELECT COUNT(*) FROM tickets t2 WHERE t2.created < tickets.created OR (t2.created = tickets.created AND t2.id <= tickets.id))`).Execute(); err != nil {
			return err
		}
		if _, err := app.DB().NewQuery(`INSERT INTO helpdesk_sequences (name, value) VALUES ({:name}, (SELECT COUNT(*) FROM tickets)) ON CONFLICT(name) DO NOTHING`).Bind(map[string]any{"name": ticket.NumberSequence}).Execute(); err != nil {
			return err
		}
		tickets.AddIndex("idx_tickets_number", true, ticket.FieldNumber, "")
		if err := app.Save(tickets); err != nil {
			return err
		}

		c := core.NewBaseCollection(comment.Collection)
		c.Fields.Add(
			&core.RelationField{Name: comment.FieldTicket, Required: true, MaxSelect: 1, CollectionId: tickets.Id, CascadeDelete: true},
			&core.RelationField{Name: comment.FieldAuthor, Required: true, MaxSelect: 1, CollectionId: users.Id},
			&core.TextField{Name: comment.FieldBody, Required: true, Min: comment.BodyMin, Max: comment.BodyMax},
			&core.BoolField{Name: comment.FieldInternal},
			&core.FileField{Name: comment.FieldAttachments, MaxSelect: ticket.AttachmentsMax, MaxSize: ticket.AttachmentMaxSize, Protected: true},
			&core.SelectField{Name: comment.FieldSource, Required: true, MaxSelect: 1, Values: comment.Sources},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		// the ticket's people: admins, its assignee, and its creator for
		// public comments only
		signedIn := `@request.auth.id != ""`
		assignee := `ticket.assigned_to = @request.auth.id`
		creator := `ticket.created_by = @request.auth.id`
		read := signedIn + ` && (` + user.RuleAdmin + ` || ` + assignee + ` || (` + creator + ` && internal = false))`
		c.ListRule = types.Pointer(read)
		c.ViewRule = types.Pointer(read)
		c.CreateRule = types.Pointer(user.RuleSignedIn + ` && (` + user.RuleAdmin + ` || ` + assignee + ` || ` + creator + `)`)
		c.DeleteRule = types.Pointer(user.RuleAdmin)
		c.AddIndex("idx_comments_ticket", false, comment.FieldTicket+", created", "")
		if err := app.Save(c); err != nil {
			return err
		}

		events, err := app.FindCollectionByNameOrId(history.Collection)
		if err != nil {
			return err
		}
		events.Fields.Add(&core.BoolField{Name: history.FieldInternal})
		readEvents := signedIn + ` && (` + user.RuleAdmin + ` || ` + assignee + ` || (` + creator + ` && internal = false))`
		events.ListRule = types.Pointer(readEvents)
		events.ViewRule = types.Pointer(readEvents)
		if err := app.Save(events); err != nil {
			return err
		}

		users.Fields.Add(&core.BoolField{Name: user.FieldMuteNotifications}, &core.BoolField{Name: user.FieldNeedsPassword})
		return app.Save(users)
	}, func(app core.App) error {
		if c, err := app.FindCollectionByNameOrId(comment.Collection); err == nil {
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		tickets, err := app.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return err
		}
		tickets.RemoveIndex("idx_tickets_number")
		for _, f := range []string{ticket.FieldNumber, ticket.FieldAttachments, ticket.FieldFirstResponseAt, ticket.FieldResolvedAt} {
			tickets.Fields.RemoveByName(f)
		}
		return app.Save(tickets)
	})
}
