package hooks

import (
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/user"
)

// revokeKey marks a users record whose save ends the account's sessions:
// its realtime connections are dropped once the save is committed.
const revokeKey = "@access.revoke"

// errSessionEnded closes a realtime connection whose account lost access.
var errSessionEnded = errors.New("the account's session has ended")

// bindAccess ends every session of an account whose role goes down or
// which is deleted: its tokens stop working (a new token key) and its
// realtime connections are dropped, with their subscriptions. In another
// process (the CLI) the token key changes in the database; the server
// then drops the connection before it delivers its next message.
func bindAccess(app core.App) {
	app.OnRecordUpdateExecute(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		stored, err := e.App.FindRecordById(user.Collection, e.Record.Id)
		if err != nil {
			return err
		}
		if user.RoleRank(e.Record.GetString(user.FieldRole)) < user.RoleRank(stored.GetString(user.FieldRole)) {
			e.Record.RefreshTokenKey()
			e.Record.Set(revokeKey, true)
		}
		return e.Next()
	})

	// these run before PocketBase's own realtime hooks, which would only
	// forget the clients' auth and keep the connections open
	app.OnRecordAfterUpdateSuccess(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		if revoke, _ := e.Record.GetRaw(revokeKey).(bool); revoke {
			dropRealtimeClients(e.App, e.Record.Id)
		}
		return e.Next()
	})
	app.OnRecordAfterDeleteSuccess(user.Collection).BindFunc(func(e *core.RecordEvent) error {
		dropRealtimeClients(e.App, e.Record.Id)
		return e.Next()
	})

	app.OnRealtimeMessageSend().BindFunc(func(e *core.RealtimeMessageEvent) error {
		if !sessionCurrent(e.App, e.Client.Get(apis.RealtimeClientAuthKey)) {
			e.App.SubscriptionsBroker().Unregister(e.Client.Id())
			return errSessionEnded
		}
		return e.Next()
	})
}

// sessionCurrent reports whether a realtime client's auth is still what
// the database holds: the account exists and its token key is unchanged.
// Guests and superusers are current.
func sessionCurrent(app core.App, auth any) bool {
	r, _ := auth.(*core.Record)
	if r == nil || r.Collection().Name != user.Collection {
		return true
	}
	var key string
	err := app.DB().Select(core.FieldNameTokenKey).From(user.Collection).
		Where(dbx.HashExp{"id": r.Id}).Row(&key)
	return err == nil && key == r.TokenKey()
}

// dropRealtimeClients ends every realtime connection made with the
// account.
func dropRealtimeClients(app core.App, userID string) {
	broker := app.SubscriptionsBroker()
	for id, client := range broker.Clients() {
		auth, _ := client.Get(apis.RealtimeClientAuthKey).(*core.Record)
		if auth != nil && auth.Id == userID && auth.Collection().Name == user.Collection {
			broker.Unregister(id)
		}
	}
}
