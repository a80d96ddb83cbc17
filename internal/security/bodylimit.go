package security

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/query"
)

// bytesPerChar is the worst case a text character costs in a JSON body: a
// "\u003c" escape (Go's encoder escapes <, > and & this way).
const bytesPerChar = 6

// bodySlack covers the JSON punctuation and request-level keys.
const bodySlack = 4 << 10

// RecordBodyLimit returns the largest request body a create or update of
// a record of c can legitimately need: every field at its maximum size,
// worst-case escaped. PocketBase's own limit for record routes is this
// sum plus 32 MB; for a collection without file fields that is far more
// than any valid write and only invites memory abuse. Files come only in a
// multipart body; in any other body a file field holds at most names.
func RecordBodyLimit(c *core.Collection, multipart bool) int64 {
	total := int64(bodySlack)
	for _, f := range c.Fields {
		total += int64(len(f.GetName())+8) + fieldBodySize(f, multipart)
	}
	return total
}

func fieldBodySize(f core.Field, multipart bool) int64 {
	switch f := f.(type) {
	case *core.FileField:
		if !multipart {
			return int64(max(f.MaxSelect, 1)) * 256 // file names to keep or delete
		}
		return f.CalculateMaxBodySize()
	case *core.TextField:
		chars := f.Max
		if chars <= 0 {
			chars = 5000 // PocketBase's default for a text field without Max
		}
		return int64(chars) * bytesPerChar
	case *core.SelectField:
		longest := 0
		for _, v := range f.Values {
			longest = max(longest, len(v))
		}
		return int64(max(f.MaxSelect, 1)) * int64(longest*bytesPerChar+4)
	case *core.RelationField:
		return int64(max(f.MaxSelect, 1)) * 64
	case core.MaxBodySizeCalculator: // json, editor and file fields know their size
		return f.CalculateMaxBodySize()
	default: // numbers, dates, booleans, urls, emails
		return 1 << 10
	}
}

// RecordWriteCollection returns the collection of a record create or
// update request (POST …/records, PATCH …/records/{id}), or nil for any
// other request.
func RecordWriteCollection(e *core.RequestEvent) *core.Collection {
	r := query.RouteOf(e.Request)
	if r.Kind != query.RecordCreate && r.Kind != query.RecordUpdate {
		return nil
	}
	c, err := e.App.FindCachedCollectionByNameOrId(r.Collection)
	if err != nil {
		return nil
	}
	return c
}
