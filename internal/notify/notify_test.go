package notify_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/mail"
	"helpdesk/internal/notify"
	"helpdesk/internal/ticket"
	usr "helpdesk/internal/user"
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

// TestQueueWelcomeNamesVerifiedAddressesOnly: staff open accounts on
// verified addresses and the mail greets by name; a sign-up's unverified
// address gets no text of the sign-up's choosing.
func TestQueueWelcomeNamesVerifiedAddressesOnly(t *testing.T) {
	app := apptest.NewApp(t)
	users, err := app.FindCollectionByNameOrId(usr.Collection)
	if err != nil {
		t.Fatal(err)
	}
	for _, verified := range []bool{true, false} {
		u := core.NewRecord(users)
		u.SetEmail(fmt.Sprintf("v%v@example.com", verified))
		u.Set(usr.FieldName, "Quentin Quux")
		u.SetVerified(verified)
		if err := notify.QueueWelcome(app, u); err != nil {
			t.Fatal(err)
		}
		// To holds the formatted address, with a name or without
		queued, err := app.FindFirstRecordByFilter(mail.Collection, mail.FieldTo+" ~ {:a}", dbx.Params{"a": u.Email()})
		if err != nil {
			t.Fatal(err)
		}
		all := queued.GetString(mail.FieldTo) + queued.GetString(mail.FieldSubject) + queued.GetString(mail.FieldHTML) + queued.GetString(mail.FieldText)
		if got := strings.Contains(all, "Quentin"); got != verified {
			t.Errorf("verified=%v: the name is in the mail: %v\n%s", verified, got, all)
		}
	}
}
