package security

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// DefaultMaxBody is the body limit of a request that is not a record
// write: logins, sign-in by OTP, realtime subscriptions, custom routes.
// Their bodies are a few hundred bytes; PocketBase's 32 MB let one
// anonymous request hold hundreds of MB while it was parsed.
const DefaultMaxBody = 64 << 10

// bytesPerChar is the worst case a text character costs in a JSON body: a
// "\u003c" escape (Go's encoder escapes <, > and & this way).
const bytesPerChar = 6

// bodySlack covers the JSON punctuation and request-level keys.
const bodySlack = 4 << 10

// partOverhead covers one multipart part's boundary and headers.
const partOverhead = 256

// BatchPath is PocketBase's batch route; it applies its own limit
// (Settings → Batch → Max body size), and is off by default.
const BatchPath = "/api/batch"

// BodyLimit returns the body limit of a request, or 0 to keep
// PocketBase's own: superusers (collection imports, backups and
// settings are theirs) and batch requests. A record create or update
// gets what a record of its collection can legitimately hold (file
// fields counted only in a multipart body); any other request max, or
// DefaultMaxBody when max is 0.
func BodyLimit(e *core.RequestEvent, max int64) int64 {
	if e.HasSuperuserAuth() || e.Request.URL.Path == BatchPath {
		return 0
	}
	if c := RecordWriteCollection(e); c != nil {
		multipart := strings.HasPrefix(e.Request.Header.Get("Content-Type"), "multipart/")
		return RecordBodyLimit(c, multipart)
	}
	if max <= 0 {
		return DefaultMaxBody
	}
	return max
}

// RecordBodyLimit returns the largest request body a create or update of
// a record of c can legitimately need: every field at its maximum size,
// worst-case escaped. File fields count only in a multipart body (a JSON
// body cannot carry files), each at MaxSize × MaxSelect. PocketBase's own
// limit is this sum plus 32 MB, which only invites memory abuse.
func RecordBodyLimit(c *core.Collection, multipart bool) int64 {
	total := int64(bodySlack)
	for _, f := range c.Fields {
		file, isFile := f.(*core.FileField)
		switch {
		case isFile && !multipart:
			// a JSON body names files to keep or delete, no content
			total += int64(len(f.GetName())+8) + int64(max(file.MaxSelect, 1))*256
		case isFile:
			total += int64(max(file.MaxSelect, 1))*partOverhead + file.CalculateMaxBodySize()
		default:
			total += int64(len(f.GetName())+8) + fieldBodySize(f)
			if multipart {
				total += partOverhead
			}
		}
	}
	return total
}

func fieldBodySize(f core.Field) int64 {
	switch f := f.(type) {
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
	case core.MaxBodySizeCalculator: // json and editor fields know their size
		return f.CalculateMaxBodySize()
	default: // numbers, dates, booleans, urls, emails, passwords
		return 1 << 10
	}
}

// RecordWriteCollection returns the collection of a record create or
// update request (POST …/records, PATCH …/records/{id}), or nil for any
// other request.
func RecordWriteCollection(e *core.RequestEvent) *core.Collection {
	switch e.Request.Method {
	case "POST", "PATCH", "PUT":
	default:
		return nil
	}
	name := e.Request.PathValue("collection")
	if name == "" {
		return nil
	}
	rest := strings.TrimPrefix(e.Request.URL.Path, "/api/collections/"+name)
	if rest != "/records" && !strings.HasPrefix(rest, "/records/") || strings.Count(rest, "/") > 2 {
		return nil
	}
	c, err := e.App.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil
	}
	return c
}
