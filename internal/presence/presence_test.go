package presence_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"helpdesk/apptest"
	"helpdesk/internal/presence"
)

func record(t *testing.T, app core.App, collection, id, name, role string) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Id = id
	r.Set("name", name)
	r.Set("role", role)
	return r
}

func client(b *subscriptions.Broker, auth *core.Record, at time.Time, subs ...string) *subscriptions.DefaultClient {
	c := subscriptions.NewDefaultClient()
	presence.MarkConnected(c, at)
	if auth != nil {
		c.Set(apis.RealtimeClientAuthKey, auth)
	}
	c.Subscribe(subs...)
	b.Register(c)
	return c
}

func TestPresenceOnlineAndChanges(t *testing.T) {
	app := apptest.NewApp(t)

	t0 := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	ada := record(t, app, "users", "adaaaaaaaaaaaaa", "Ada", "admin")
	uma := record(t, app, "users", "umaaaaaaaaaaaaa", "Uma", "user")
	mo := record(t, app, "users", "mooooooooooooo1", "Mo", "moderator")
	root := record(t, app, core.CollectionNameSuperusers, "rooooooooooooo1", "", "")

	b := subscriptions.NewBroker()
	tracker := presence.NewTracker()
	watcher := client(b, ada, t0, presence.Topic)
	modWatcher := client(b, mo, t0.Add(time.Second), presence.Topic+`?options={"query":{}}`)
	client(b, nil, t0)  // a guest
	client(b, root, t0) // a dashboard superuser
	later := client(b, uma, t0.Add(time.Minute))
	client(b, uma, t0.Add(2*time.Minute))

	got := presence.Online(b)
	want := []struct {
		id, name, role string
		since          time.Time
	}{
		{ada.Id, "Ada", "admin", t0},
		{mo.Id, "Mo", "moderator", t0.Add(time.Second)},
		{uma.Id, "Uma", "user", t0.Add(time.Minute)},
	}
	if len(got) != len(want) {
		t.Fatalf("online %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Name != w.name || g.Role != w.role || !g.Since.Time().Equal(w.since) {
			t.Errorf("online[%d] = %+v, want %+v", i, g, w)
		}
	}

	// the tracker learns of each sign-in and close as the hooks tell it
	all := b.Clients()
	tracker.Subscribed(watcher) // first, to be told of everyone
	for _, c := range all {
		tracker.Subscribed(c)
	}
	if got := tracker.Online(); len(got) != 3 {
		t.Fatalf("tracker online %+v", got)
	}
	for range 3 {
		receive(t, watcher, presence.Join)
	}
	// signing in again (new subscriptions) is no new join
	if changes := tracker.Subscribed(later); len(changes) != 0 {
		t.Fatalf("subscribing again: %+v", changes)
	}

	// the earliest tab closes: still online, since moves on; no message
	b.Unregister(later.Id())
	if changes := tracker.Closed(later); len(changes) != 0 {
		t.Fatalf("closing one of two tabs: %+v", changes)
	}
	for _, online := range [][]presence.User{presence.Online(b), tracker.Online()} {
		if u := online[2]; u.ID != uma.Id || !u.Since.Time().Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("after closing a tab: %+v", u)
		}
	}

	var changes []presence.Change
	for _, c := range all {
		if a, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record); a != nil && a.Id == uma.Id && c != later {
			b.Unregister(c.Id())
			changes = tracker.Closed(c)
		}
	}
	if len(changes) != 1 || changes[0].Action != presence.Leave || changes[0].User.ID != uma.Id {
		t.Fatalf("last tab closed: %+v", changes)
	}
	if ch := receive(t, watcher, presence.Leave); len(ch.Online) != 2 {
		t.Fatalf("leave message online %+v", ch.Online)
	}

	// the moderator subscribed to the topic (no hook stopped it here) yet
	// never receives anything
	select {
	case m := <-modWatcher.Channel():
		t.Fatalf("a moderator received %s", m.Data)
	default:
	}
}

func receive(t *testing.T, c *subscriptions.DefaultClient, action string) presence.Change {
	t.Helper()
	select {
	case m := <-c.Channel():
		var ch presence.Change
		if err := json.Unmarshal(m.Data, &ch); err != nil || m.Name != presence.Topic || ch.Action != action {
			t.Fatalf("message %s %s (%v), want %s", m.Name, m.Data, err, action)
		}
		return ch
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s message", action)
	}
	return presence.Change{}
}
