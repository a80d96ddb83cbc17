package ticket

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// StampResolution keeps resolved_at in step with the status of r, about
// to be saved (before is the stored ticket, nil on create): a ticket that
// becomes done is resolved now, unless the write sets resolved_at itself
// (an import); a ticket that leaves done (a reopen) is unresolved.
func StampResolution(before, r *core.Record, now time.Time) {
	done := r.GetString(FieldStatus) == StatusDone
	wasDone := before != nil && before.GetString(FieldStatus) == StatusDone
	given := r.GetDateTime(FieldResolvedAt)
	switch {
	case done && !wasDone:
		if before == nil && !given.IsZero() {
			return
		}
		if before != nil && !given.IsZero() && given != before.GetDateTime(FieldResolvedAt) {
			return
		}
		r.Set(FieldResolvedAt, now)
	case !done && !given.IsZero():
		r.Set(FieldResolvedAt, "")
	}
}
