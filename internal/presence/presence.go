// Package presence answers who is connected to realtime now, and tells
// admins when someone comes or goes.
//
// The truth is PocketBase's subscriptions broker: a user is online while at
// least one of their realtime clients carries their auth (set when the
// client posts its subscriptions with a token). Nothing is stored.
package presence

import (
	"cmp"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/user"
)

// Topic is the custom realtime topic on which admins receive Change
// messages.
const Topic = "helpdesk/presence"

// connectedAtKey is the realtime client store key holding when the client
// connected.
const connectedAtKey = "helpdeskConnectedAt"

// User is one signed-in user connected to realtime, however many tabs.
type User struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
	// Since is when the user's earliest open connection was made.
	Since types.DateTime `json:"since"`
}

// MarkConnected records on a realtime client when it connected.
func MarkConnected(c subscriptions.Client, at time.Time) {
	c.Set(connectedAtKey, at)
}

// IsUser reports whether a realtime client is signed in as a helpdesk user.
func IsUser(c subscriptions.Client) bool {
	return userOf(c) != nil
}

// Online lists the users connected now, each once, oldest connection
// first (ties by id).
func Online(b *subscriptions.Broker) []User {
	byID := map[string]User{}
	for _, c := range b.Clients() {
		auth := userOf(c)
		if auth == nil || c.IsDiscarded() {
			continue
		}
		u := userFrom(auth, connectedAt(c))
		if seen, ok := byID[auth.Id]; !ok || u.Since.Before(seen.Since) {
			byID[auth.Id] = u
		}
	}
	users := make([]User, 0, len(byID))
	for _, u := range byID {
		users = append(users, u)
	}
	slices.SortFunc(users, func(a, b User) int {
		return cmp.Or(a.Since.Time().Compare(b.Since.Time()), cmp.Compare(a.ID, b.ID))
	})
	return users
}

func userOf(c subscriptions.Client) *core.Record {
	auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record)
	if auth == nil || auth.Collection().Name != user.Collection {
		return nil
	}
	return auth
}
