package presence

import (
	"cmp"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/routine"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/user"
)

// Actions of a Change.
const (
	Join  = "join"
	Leave = "leave"
)

// countedKey is the realtime client store key holding the id of the user
// the tracker counted the client for.
const countedKey = "helpdeskPresenceUser"

// Change is the message admins subscribed to Topic receive when a user
// comes online (first connection) or goes offline (last one closed).
type Change struct {
	Action string `json:"action"`
	User   User   `json:"user"`
	// Online is everyone online right after the change, as GET
	// /api/helpdesk/online would answer.
	Online []User `json:"online"`
}

// Tracker follows who is online as connections sign in and close, each
// step touching only that connection's user: scanning every client at
// each step made n connections cost O(n²) (16.7 s of CPU for 6,000).
type Tracker struct {
	mu sync.Mutex
	// users holds each online user's open connections, by client id.
	users map[string]map[string]subscriptions.Client
	// watchers are the clients subscribed to Topic, by client id.
	watchers map[string]subscriptions.Client
}

// NewTracker returns a tracker that has seen nobody yet.
func NewTracker() *Tracker {
	return &Tracker{users: map[string]map[string]subscriptions.Client{}, watchers: map[string]subscriptions.Client{}}
}

// Subscribed updates the tracker after client c set its subscriptions:
// a connection signed in as a user counts for that user (a join when it
// is their first), and c watches Topic when it asked to and may. It sends
// the changes to the watchers and returns them.
func (t *Tracker) Subscribed(c subscriptions.Client) []Change {
	t.mu.Lock()
	defer t.mu.Unlock()

	if len(c.Subscriptions(Topic+"?")) > 0 && MayWatch(authOf(c)) {
		t.watchers[c.Id()] = c
	} else {
		delete(t.watchers, c.Id())
	}

	var changes []Change
	auth := userOf(c)
	counted, _ := c.Get(countedKey).(string)
	if counted != "" && (auth == nil || auth.Id != counted) {
		changes = append(changes, t.remove(c, counted)...)
	}
	if auth != nil && auth.Id != counted {
		conns := t.users[auth.Id]
		if conns == nil {
			conns = map[string]subscriptions.Client{}
			t.users[auth.Id] = conns
		}
		conns[c.Id()] = c
		c.Set(countedKey, auth.Id)
		if len(conns) == 1 {
			changes = append(changes, Change{Action: Join, User: userFrom(auth, connectedAt(c))})
		}
	}
	t.send(changes)
	return changes
}

// Closed updates the tracker after client c's connection closed: a leave
// when it was its user's last one. It sends the changes to the watchers
// and returns them.
func (t *Tracker) Closed(c subscriptions.Client) []Change {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.watchers, c.Id())
	counted, _ := c.Get(countedKey).(string)
	if counted == "" {
		return nil
	}
	changes := t.remove(c, counted)
	t.send(changes)
	return changes
}

// Online lists the users the tracker counts online, each once, oldest
// connection first (ties by id). A connection whose auth PocketBase
// dropped (user deleted, password changed) does not count.
func (t *Tracker) Online() []User {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.online()
}

func (t *Tracker) online() []User {
	users := make([]User, 0, len(t.users))
	for _, conns := range t.users {
		if u, ok := current(conns); ok {
			users = append(users, u)
		}
	}
	slices.SortFunc(users, func(a, b User) int {
		return cmp.Or(a.Since.Time().Compare(b.Since.Time()), cmp.Compare(a.ID, b.ID))
	})
	return users
}

// remove uncounts c from user id; the user leaves with their last
// connection.
func (t *Tracker) remove(c subscriptions.Client, id string) []Change {
	conns := t.users[id]
	left, ok := current(conns)
	if !ok {
		left = User{ID: id}
	}
	delete(conns, c.Id())
	c.Unset(countedKey)
	if len(conns) > 0 {
		return nil
	}
	delete(t.users, id)
	return []Change{{Action: Leave, User: left}}
}

// send completes the changes with the online list and sends them to the
// watchers. The list is built only when someone watches: it is the one
// part of a change whose cost grows with the number of users online.
func (t *Tracker) send(changes []Change) {
	if len(changes) == 0 || len(t.watchers) == 0 {
		return
	}
	online := t.online()
	msgs := make([]subscriptions.Message, 0, len(changes))
	for _, ch := range changes {
		ch.Online = online
		data, err := json.Marshal(ch)
		if err != nil {
			continue // plain strings and times always marshal
		}
		msgs = append(msgs, subscriptions.Message{Name: Topic, Data: data})
	}
	for _, c := range t.watchers {
		// a watcher whose auth PocketBase dropped or changed is told nothing
		if c.IsDiscarded() || !MayWatch(authOf(c)) {
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

// current is a user as their connections show them now: name and role
// from the auth record PocketBase keeps up to date on the connection,
// since their earliest open connection. ok is false when none of the
// connections is signed in any more.
func current(conns map[string]subscriptions.Client) (u User, ok bool) {
	var latest *core.Record
	var since time.Time
	for _, c := range conns {
		auth := userOf(c)
		if auth == nil || c.IsDiscarded() {
			continue
		}
		at := connectedAt(c)
		if latest == nil || at.Before(since) {
			since = at
		}
		latest = auth
	}
	if latest == nil {
		return User{}, false
	}
	return userFrom(latest, since), true
}

// MayWatch reports whether auth may subscribe to Topic: admins and
// dashboard superusers.
func MayWatch(auth *core.Record) bool {
	return user.IsAdmin(auth)
}

func authOf(c subscriptions.Client) *core.Record {
	auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record)
	return auth
}

func connectedAt(c subscriptions.Client) time.Time {
	if at, ok := c.Get(connectedAtKey).(time.Time); ok {
		return at
	}
	return time.Now()
}

func userFrom(auth *core.Record, since time.Time) User {
	d, _ := types.ParseDateTime(since)
	return User{ID: auth.Id, Name: auth.GetString(user.FieldName), Role: auth.GetString(user.FieldRole), Since: d}
}
