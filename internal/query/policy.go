// Package query reads the filters, sorts and realtime subscription options
// that clients send exactly as PocketBase will (its own parser and
// decoder), and refuses those that reach a field the caller may not read:
// a filter or a sort on a hidden value is a yes/no oracle on it.
package query

import (
	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// Collection is what a collection allows in filters and sorts.
type Collection struct {
	// Fields maps a field to who may read it; an unlisted field is
	// readable by whoever may see the row (the API rules decide).
	Fields map[string]Audience
	// AllRows is who may see every row. PocketBase runs multi-match
	// conditions (a back-relation x_via_y, a multiple relation) without
	// the target collection's rules, so such a hop is allowed only to
	// callers who see every row anyway.
	AllRows Audience
}

// Policy maps a collection name to its Collection; a collection that is
// not listed has no field restrictions and may be reached by a
// multi-match hop only by superusers (fail closed for new collections).
type Policy map[string]Collection

// Default is the appliance's policy. A new collection adds its row here.
var Default = Policy{
	ticket.Collection: {
		Fields: map[string]Audience{
			ticket.FieldHelpfulNotes:  Staff,
			ticket.FieldRelatedSkills: Staff,
			ticket.FieldResourceLinks: Staff,
		},
		// moderators see only their own and assigned tickets
		AllRows: Admins,
	},
	comment.Collection: {
		// the rules keep internal notes from the ticket's creator; only
		// admins see every comment
		Fields:  map[string]Audience{comment.FieldInternal: Staff},
		AllRows: Admins,
	},
	history.Collection: {
		Fields:  map[string]Audience{history.FieldReason: Staff},
		AllRows: Admins,
	},
	user.Collection: {
		// emailVisibility hides an address from everyone but its owner
		// and superusers; PocketBase guards filters with it but not sorts,
		// and a row-level exception cannot be checked on a whole list
		Fields:  map[string]Audience{user.FieldEmail: Superusers},
		AllRows: Staff,
	},
}

func (p Policy) field(collection, field string) Audience {
	return p[collection].Fields[field]
}

func (p Policy) allRows(collection string) Audience {
	c, ok := p[collection]
	if !ok {
		return Superusers
	}
	return c.AllRows
}
