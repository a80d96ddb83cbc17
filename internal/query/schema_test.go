package query_test

import (
	"database/sql"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// schema is an in-memory query.Schema: users and tickets as the
// migrations make them (the fields the checks read), and the coming
// comments collection, which has no row in query.Default yet.
type schema []*core.Collection

func (s schema) FindCachedCollectionByNameOrId(nameOrId string) (*core.Collection, error) {
	for _, c := range s {
		if strings.EqualFold(c.Name, nameOrId) || c.Id == nameOrId {
			return c, nil
		}
	}
	return nil, sql.ErrNoRows
}

func (s schema) get(name string) *core.Collection {
	c, _ := s.FindCachedCollectionByNameOrId(name)
	return c
}

func newSchema() schema {
	users := core.NewAuthCollection(user.Collection)
	users.Id = "_pb_users_auth_"
	users.Fields.Add(&core.TextField{Name: "name"}, &core.JSONField{Name: "skills"})

	tickets := core.NewBaseCollection(ticket.Collection)
	tickets.Id = "pbc_tickets"
	tickets.Fields.Add(
		&core.TextField{Name: ticket.FieldTitle},
		&core.TextField{Name: ticket.FieldHelpfulNotes},
		&core.JSONField{Name: ticket.FieldRelatedSkills},
		&core.JSONField{Name: ticket.FieldResourceLinks},
		&core.RelationField{Name: ticket.FieldCreatedBy, MaxSelect: 1, CollectionId: users.Id},
		&core.RelationField{Name: ticket.FieldAssignedTo, MaxSelect: 1, CollectionId: users.Id},
		// not in the real schema: a multiple relation, evaluated as multi-match
		&core.RelationField{Name: "watchers", MaxSelect: 5, CollectionId: users.Id},
	)

	comments := core.NewBaseCollection("comments")
	comments.Id = "pbc_comments"
	comments.Fields.Add(
		&core.RelationField{Name: "ticket", MaxSelect: 1, CollectionId: tickets.Id},
		&core.RelationField{Name: "author", MaxSelect: 1, CollectionId: users.Id},
		&core.TextField{Name: "body"},
		&core.BoolField{Name: "internal"},
	)
	return schema{users, tickets, comments}
}
