package ticket

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// DefaultCreatedPerHour is how many tickets a plain user may create in an
// hour: each one costs an AI analysis and an assignment mail, and one new
// account created 190 in 30 s.
const DefaultCreatedPerHour = 20

// CountCreatedSince counts the tickets created by userID since the given
// time (an indexed read: created_by, created).
func CountCreatedSince(app core.App, userID string, since time.Time) (int, error) {
	from, err := types.ParseDateTime(since)
	if err != nil {
		return 0, err
	}
	n, err := app.CountRecords(Collection,
		dbx.HashExp{FieldCreatedBy: userID},
		dbx.NewExp("[[created]] >= {:since}", dbx.Params{"since": from.String()}))
	if err != nil {
		return 0, fmt.Errorf("ticket: unable to count the tickets of %s: %w", userID, err)
	}
	return int(n), nil
}
