package history

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
)

// FileNames lists the names of a file field's files on r, whether stored
// (names) or about to be uploaded (PocketBase names a file when it is
// read from the request, before the save).
func FileNames(r *core.Record, field string) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if x != "" {
				out = append(out, x)
			}
		case *filesystem.File:
			if x != nil {
				out = append(out, x.Name)
			}
		case []string:
			for _, s := range x {
				walk(s)
			}
		case []*filesystem.File:
			for _, f := range x {
				walk(f)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(r.GetRaw(field))
	return out
}
