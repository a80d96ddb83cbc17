package hooks_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"helpdesk/apptest"
	"helpdesk/internal/presence"
	"helpdesk/internal/user"
)

// sseEvent is one server-sent event.
type sseEvent struct{ name, data string }

// realtimeTab is one browser tab's realtime connection: a real SSE stream.
type realtimeTab struct {
	id     string
	events chan sseEvent
	close  context.CancelFunc
	done   chan struct{}
}

// openTab connects to /api/realtime and, when token is set, signs the
// connection in by posting its subscriptions with the token.
func openTab(t *testing.T, base, token string, subs ...string) *realtimeTab {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/realtime", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	tab := &realtimeTab{events: make(chan sseEvent, 64), close: cancel, done: make(chan struct{})}
	t.Cleanup(func() { tab.close(); <-tab.done })
	go func() {
		defer close(tab.done)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.data = strings.TrimSpace(strings.TrimPrefix(line, "data:"))
			case line == "":
				if ev.name != "" {
					select {
					case tab.events <- ev:
					default:
					}
				}
				ev = sseEvent{}
			}
		}
	}()

	connect := tab.next(t, "PB_CONNECT")
	var c struct{ ClientID string }
	if err := json.Unmarshal([]byte(connect), &c); err != nil || c.ClientID == "" {
		t.Fatalf("PB_CONNECT %q: %v", connect, err)
	}
	tab.id = c.ClientID
	if token != "" {
		if code, body := tab.subscribe(t, base, token, subs...); code != http.StatusNoContent {
			t.Fatalf("subscribe: %d %s", code, body)
		}
	}
	return tab
}

func (tab *realtimeTab) subscribe(t *testing.T, base, token string, subs ...string) (int, string) {
	t.Helper()
	if subs == nil {
		subs = []string{}
	}
	body, _ := json.Marshal(map[string]any{"clientId": tab.id, "subscriptions": subs})
	req, _ := http.NewRequest("POST", base+"/api/realtime", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// next waits for the next event called name and returns its data.
func (tab *realtimeTab) next(t *testing.T, name string) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev := <-tab.events:
			if ev.name == name {
				return ev.data
			}
		case <-deadline:
			t.Fatalf("no %s event", name)
		}
	}
}

func getJSON(t *testing.T, base, path, token string, into any) int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if into != nil && res.StatusCode == 200 {
		if err := json.NewDecoder(res.Body).Decode(into); err != nil {
			t.Fatal(err)
		}
	}
	return res.StatusCode
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

type onlineList struct {
	Items []presence.User `json:"items"`
}

func TestPresenceOnline(t *testing.T) {
	app := apptest.NewApp(t)
	admin := apptest.CreateUser(t, app, "admin@example.com", "Ada Admin", user.RoleAdmin)
	mod := apptest.CreateUser(t, app, "mod@example.com", "Mo Moderator", user.RoleModerator)
	requester := apptest.CreateUser(t, app, "user@example.com", "Uma User", user.RoleUser)
	srv := httptest.NewServer(serveMux(t, app))
	t.Cleanup(srv.Close)
	adminTok, modTok, userTok := apptest.Token(t, admin), apptest.Token(t, mod), apptest.Token(t, requester)

	online := func() []presence.User {
		var l onlineList
		if code := getJSON(t, srv.URL, "/api/helpdesk/online", adminTok, &l); code != 200 {
			t.Fatalf("admin GET online: %d", code)
		}
		return l.Items
	}
	find := func(id string) (presence.User, int) {
		var found presence.User
		n := 0
		for _, u := range online() {
			if u.ID == id {
				found, n = u, n+1
			}
		}
		return found, n
	}

	t.Run("who may ask", func(t *testing.T) {
		for _, c := range []struct {
			name, token string
			status      int
		}{
			{"anonymous", "", 401},
			{"user", userTok, 403},
			{"moderator", modTok, 403},
			{"admin", adminTok, 200},
		} {
			if got := getJSON(t, srv.URL, "/api/helpdesk/online", c.token, nil); got != c.status {
				t.Errorf("%s: status %d, want %d", c.name, got, c.status)
			}
		}
	})

	t.Run("only admins may watch the topic", func(t *testing.T) {
		for _, c := range []struct {
			name, token string
			status      int
		}{
			{"user", userTok, 403},
			{"moderator", modTok, 403},
		} {
			tab := openTab(t, srv.URL, "")
			if code, body := tab.subscribe(t, srv.URL, c.token, presence.Topic); code != c.status {
				t.Errorf("%s subscribing: %d %s", c.name, code, body)
			}
		}
	})

	watcher := openTab(t, srv.URL, adminTok, presence.Topic)
	var self presence.Change
	if err := json.Unmarshal([]byte(watcher.next(t, presence.Topic)), &self); err != nil || self.Action != presence.Join || self.User.ID != admin.Id {
		t.Fatalf("the watching admin's own join: %+v %v", self, err)
	}
	if len(online()) != 1 {
		t.Fatalf("online with only the admin watching: %+v", online())
	}

	// a guest connection is nobody
	openTab(t, srv.URL, "")
	if len(online()) != 1 {
		t.Fatalf("a guest counted: %+v", online())
	}

	first := openTab(t, srv.URL, userTok)
	var join presence.Change
	if err := json.Unmarshal([]byte(watcher.next(t, presence.Topic)), &join); err != nil {
		t.Fatal(err)
	}
	if join.Action != presence.Join || join.User.ID != requester.Id || join.User.Name != "Uma User" || join.User.Role != user.RoleUser || len(join.Online) != 2 {
		t.Fatalf("join message %+v", join)
	}
	u, n := find(requester.Id)
	if n != 1 || u.Name != "Uma User" || u.Role != user.RoleUser || u.Since.IsZero() {
		t.Fatalf("user online %d times as %+v", n, u)
	}
	since := u.Since

	// more tabs: still once, since the earliest
	second := openTab(t, srv.URL, userTok)
	openTab(t, srv.URL, modTok)
	if u, n := find(requester.Id); n != 1 || !u.Since.Equal(since) {
		t.Fatalf("with two tabs: %d entries, since %v (first %v)", n, u.Since, since)
	}
	if m, n := find(mod.Id); n != 1 || m.Role != user.RoleModerator {
		t.Fatalf("moderator %d entries %+v", n, m)
	}
	var modJoin presence.Change
	if err := json.Unmarshal([]byte(watcher.next(t, presence.Topic)), &modJoin); err != nil || modJoin.Action != presence.Join || modJoin.User.ID != mod.Id {
		t.Fatalf("second join %+v %v (the second tab of the user must not announce)", modJoin, err)
	}

	// closing the first tab keeps the user online, since the second tab
	clients := app.SubscriptionsBroker().TotalClients()
	first.close()
	<-first.done
	waitFor(t, "the first tab to be gone", func() bool {
		return app.SubscriptionsBroker().TotalClients() == clients-1
	})
	if u, n := find(requester.Id); n != 1 || u.Since.Before(since) {
		t.Fatalf("after closing the first tab: %d entries, since %v", n, u.Since)
	}

	// closing the last tab: gone, and the admin is told
	second.close()
	<-second.done
	waitFor(t, "the user to go offline", func() bool {
		_, n := find(requester.Id)
		return n == 0
	})
	var leave presence.Change
	if err := json.Unmarshal([]byte(watcher.next(t, presence.Topic)), &leave); err != nil {
		t.Fatal(err)
	}
	if leave.Action != presence.Leave || leave.User.ID != requester.Id {
		t.Fatalf("leave message %+v", leave)
	}
	for _, u := range leave.Online {
		if u.ID == requester.Id {
			t.Fatalf("leave message still lists the user: %+v", leave.Online)
		}
	}
}
