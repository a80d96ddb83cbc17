package ticket

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// NextNumber takes the next ticket number from the counter. Called in the
// transaction of the ticket's insert, a failed insert gives its number
// back; a deleted ticket's number is never given again.
func NextNumber(txApp core.App) (int, error) {
	var n int
	err := txApp.DB().NewQuery(`INSERT INTO helpdesk_sequences (name, value) VALUES ({:name}, 1)
		ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`).
		Bind(dbx.Params{"name": NumberSequence}).Row(&n)
	if err != nil {
		return 0, fmt.Errorf("ticket: unable to take the next number: %w", err)
	}
	return n, nil
}
