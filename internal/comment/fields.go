// Package comment holds the comments contract: the conversation on a
// ticket, public replies and internal notes.
package comment

// Collection is the name of the comments collection.
const Collection = "comments"

// Field names of the comments collection.
const (
	FieldTicket      = "ticket"
	FieldAuthor      = "author"
	FieldBody        = "body"
	FieldInternal    = "internal"
	FieldAttachments = "attachments"
	FieldSource      = "source"
)

// Values of the source field.
const (
	SourceWeb   = "web"
	SourceEmail = "email"
)

// Sources lists the source values, in schema order.
var Sources = []string{SourceWeb, SourceEmail}

// Limits of the body (Markdown source).
const (
	BodyMin = 1
	BodyMax = 20000
)
