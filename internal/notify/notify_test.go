package notify_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
)

func TestStored(t *testing.T) {
	app := apptest.NewApp(t)
	col, err := app.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}

	fresh := core.NewRecord(col)
	if got, err := notify.Stored(app, fresh); got != fresh || err != nil {
		t.Errorf("new ticket: Stored = %v, %v; want the ticket itself, nil", got, err)
	}

	// a ticket that should be stored but cannot be read: the error must
	// reach the caller, not pass for "nobody was assigned"
	gone := core.NewRecord(col)
	gone.Id = "missingticket01"
	gone.MarkAsNotNew()
	if got, err := notify.Stored(app, gone); err == nil {
		t.Errorf("unreadable ticket: Stored = %v, nil; want an error", got)
	}
}
