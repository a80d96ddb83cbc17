package comment

import (
	"fmt"
	"slices"
	"strings"
)

// Poster is who posts a comment through the API.
type Poster struct {
	ID string
	// Admin: an admin (any ticket, internal notes too).
	Admin bool
	// Staff: a moderator or an admin.
	Staff bool
}

// creatable are the body keys a client may send on create; author and
// source only with the values the server would set anyway.
var creatable = []string{FieldTicket, FieldBody, FieldInternal, FieldAttachments, FieldAuthor, FieldSource}

// RequestErrors checks the body of a create request from p and returns
// a message per refused field; an empty map means the request may go on.
// body is the body as PocketBase read it (form values typed by
// inference); sent holds the JSON values as the client sent them (nil
// for plain form values), to refuse what PocketBase would quietly coerce.
// The ticket is checked apart (it needs the database).
func RequestErrors(p Poster, body, sent map[string]any) map[string]string {
	out := map[string]string{}
	for key, v := range body {
		name := baseName(key)
		if !slices.Contains(creatable, name) {
			out[name] = "Only ticket, body, internal and attachments can be set; the server sets this field."
			continue
		}
		raw, isJSON := sent[key]
		_, sentString := raw.(string)
		text := fmt.Sprint(v)
		switch name {
		case FieldAuthor:
			if key != name || (isJSON && !sentString) || text != p.ID {
				out[name] = "author is always the caller; leave it out."
			}
		case FieldSource:
			if key != name || (isJSON && !sentString) || text != SourceWeb {
				out[name] = "source is set by the server (web for the API); leave it out."
			}
		case FieldTicket:
			if key != name || (isJSON && !sentString) {
				out[name] = "Must be the id of one ticket, as a string."
			}
		case FieldBody:
			switch {
			case key != name || (isJSON && !sentString):
				out[name] = "Must be a string."
			case strings.TrimSpace(text) == "":
				out[name] = "Cannot be blank."
			}
		case FieldInternal:
			if _, ok := raw.(bool); key != name || (isJSON && !ok) || !isBool(v) {
				out[name] = "Must be true or false."
			}
		}
	}
	return out
}

// InternalAllowed reports whether p may post an internal note on a ticket
// assigned to assignee: admins and the ticket's assigned staff member.
func InternalAllowed(p Poster, assignee string) bool {
	return p.Admin || (p.Staff && p.ID != "" && p.ID == assignee)
}

// IsInternal reads the internal value of a request body as PocketBase
// will store it.
func IsInternal(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "1"
	}
	return false
}

func isBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return true
	case string: // a form value
		return x == "true" || x == "false" || x == "1" || x == "0" || x == ""
	}
	return false
}

// baseName strips PocketBase's modifiers (+field, field+, field-).
func baseName(key string) string {
	return strings.TrimRight(strings.TrimLeft(key, "+"), "+-")
}
