package presence

import (
	"encoding/json"
	"sync"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/routine"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"helpdesk/internal/user"
)

// Actions of a Change.
const (
	Join  = "join"
	Leave = "leave"
)

// Change is the message admins subscribed to Topic receive when a user
// comes online (first connection) or goes offline (last one closed).
type Change struct {
	Action string `json:"action"`
	User   User   `json:"user"`
	// Online is everyone online right after the change, as GET
	// /api/helpdesk/online would answer.
	Online []User `json:"online"`
}

// Tracker remembers who was online at the last refresh, to turn the
// broker's state into join and leave messages.
type Tracker struct {
	mu   sync.Mutex
	last map[string]User
}

// NewTracker returns a tracker that has seen nobody yet.
func NewTracker() *Tracker {
	return &Tracker{last: map[string]User{}}
}

// Refresh compares who is online now with the previous refresh, sends each
// join and leave to the admin clients subscribed to Topic, and returns the
// changes.
func (t *Tracker) Refresh(b *subscriptions.Broker) []Change {
	t.mu.Lock()
	defer t.mu.Unlock()

	online := Online(b)
	now := make(map[string]User, len(online))
	var changes []Change
	for _, u := range online {
		now[u.ID] = u
		if _, was := t.last[u.ID]; !was {
			changes = append(changes, Change{Action: Join, User: u, Online: online})
		}
	}
	for id, u := range t.last {
		if _, is := now[id]; !is {
			changes = append(changes, Change{Action: Leave, User: u, Online: online})
		}
	}
	t.last = now

	if len(changes) > 0 {
		broadcast(b, changes)
	}
	return changes
}

// MayWatch reports whether auth may subscribe to Topic: admins and
// dashboard superusers.
func MayWatch(auth *core.Record) bool {
	return user.IsAdmin(auth)
}

func broadcast(b *subscriptions.Broker, changes []Change) {
	msgs := make([]subscriptions.Message, 0, len(changes))
	for _, c := range changes {
		data, err := json.Marshal(c)
		if err != nil {
			continue // plain strings and times always marshal
		}
		msgs = append(msgs, subscriptions.Message{Name: Topic, Data: data})
	}
	for _, c := range b.Clients() {
		if len(c.Subscriptions(Topic+"?")) == 0 {
			continue
		}
		auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record)
		if !MayWatch(auth) {
			continue
		}
		// the client's channel is unbuffered: never block the caller
		routine.FireAndForget(func() {
			for _, m := range msgs {
				c.Send(m)
			}
		})
	}
}
