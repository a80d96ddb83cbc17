package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

const rtMarker = "bench-rt-"

var staffOnlyFields = []string{"helpful_notes", "related_skills", "resource_links"}

// subscriber is one SSE client subscribed to tickets/*, as the portal's
// live list does.
type subscriber struct {
	acc account

	mu        sync.Mutex
	got       map[int]time.Time // update seq → arrival
	leaks     []string
	staffSeen bool
}

// sseEvent is one Server-Sent Event.
type sseEvent struct {
	name string
	data []byte
	at   time.Time
}

// readSSE calls fn for each event of the stream until it ends.
func readSSE(res *http.Response, fn func(sseEvent)) {
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var ev sseEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" || ev.data != nil {
				ev.at = time.Now()
				fn(ev)
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, "event:"):
			ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			ev.data = append(ev.data, strings.TrimPrefix(line, "data:")...)
		}
	}
}

// subscribe opens the SSE stream, waits for PB_CONNECT and subscribes to
// tickets/* with the subscriber's token; events then go to s.receive.
func (s *subscriber) subscribe(ctx context.Context, sse *http.Client, a *api) error {
	req, err := http.NewRequestWithContext(ctx, "GET", a.base+"/api/realtime", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	res, err := sse.Do(req)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return fmt.Errorf("GET /api/realtime: %d", res.StatusCode)
	}
	connected := make(chan string, 1)
	go func() {
		defer res.Body.Close()
		readSSE(res, func(ev sseEvent) {
			if ev.name == "PB_CONNECT" {
				var c struct {
					ClientID string `json:"clientId"`
				}
				json.Unmarshal(ev.data, &c)
				connected <- c.ClientID
				return
			}
			s.receive(ev)
		})
	}()
	var clientID string
	select {
	case clientID = <-connected:
	case <-time.After(30 * time.Second):
		return fmt.Errorf("no PB_CONNECT in 30s")
	}
	return a.do(ctx, "POST", "/api/realtime", s.acc.Token,
		map[string]any{"clientId": clientID, "subscriptions": []string{"tickets/*"}}, nil)
}

// receive records an event and checks that the subscriber may see it.
func (s *subscriber) receive(ev sseEvent) {
	var msg struct {
		Action string         `json:"action"`
		Record map[string]any `json:"record"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := json.Unmarshal(ev.data, &msg); err != nil || msg.Record == nil {
		s.leaks = append(s.leaks, fmt.Sprintf("%s got an unreadable event %q", s.acc.Email, ev.name))
		return
	}
	rec := msg.Record
	createdBy, _ := rec["created_by"].(string)
	assignedTo, _ := rec["assigned_to"].(string)
	switch s.acc.Role {
	case "user":
		if createdBy != s.acc.ID {
			s.leaks = append(s.leaks, fmt.Sprintf("user %s received ticket %v of %s", s.acc.ID, rec["id"], createdBy))
		}
		for _, f := range staffOnlyFields {
			if _, ok := rec[f]; ok {
				s.leaks = append(s.leaks, fmt.Sprintf("user %s received staff-only field %s of ticket %v", s.acc.ID, f, rec["id"]))
			}
		}
	case "moderator":
		if createdBy != s.acc.ID && assignedTo != s.acc.ID {
			s.leaks = append(s.leaks, fmt.Sprintf("moderator %s received ticket %v neither created by nor assigned to them", s.acc.ID, rec["id"]))
		}
	}
	if _, ok := rec["helpful_notes"]; ok && s.acc.Role != "user" {
		s.staffSeen = true
	}
	summary, _ := rec["summary"].(string)
	seq, err := strconv.Atoi(strings.TrimPrefix(summary, rtMarker))
	if !strings.HasPrefix(summary, rtMarker) || err != nil {
		return
	}
	if _, dup := s.got[seq]; !dup {
		s.got[seq] = ev.at
	}
}

// rtRun is one run of updates.
type rtRun struct {
	lat                latencies
	expected, received int
	patch              latencies
}

// realtimeResult is benchmark 4.
type realtimeResult struct {
	subscribers           int
	users, mods, admins   int
	connectTook           time.Duration
	updatesPerRun         int
	interval              time.Duration
	runs                  []rtRun
	leaks                 []string
	staffSawStaffFields   bool
	idleRSS, peakRSS, hwm int64
}

// runRealtime connects the subscribers to a seeded server and updates
// tickets of subscribed users as the superuser, at a steady pace.
func (b *bench) runRealtime(ctx context.Context, srv *server, a *api, super string, ds *dataset) (*realtimeResult, error) {
	res := &realtimeResult{updatesPerRun: b.cfg.updates, interval: 50 * time.Millisecond}
	peak := srv.rssPeak()

	nAdmins := len(ds.admins)
	nMods := min(len(ds.mods), b.cfg.subscribers/10)
	nUsers := min(len(ds.plain), b.cfg.subscribers-nAdmins-nMods)
	var accs []account
	for _, part := range []struct {
		idx []int
		n   int
	}{{ds.admins, nAdmins}, {ds.mods, nMods}, {ds.plain, nUsers}} {
		got, err := signInSeeded(ctx, a, ds, part.idx, part.n)
		if err != nil {
			return nil, fmt.Errorf("realtime sign in: %w", err)
		}
		accs = append(accs, got...)
	}
	res.subscribers, res.admins, res.mods, res.users = len(accs), nAdmins, nMods, nUsers

	sseCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	sse := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: -1}}
	subs := make([]*subscriber, len(accs))
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(32)
	for i, acc := range accs {
		subs[i] = &subscriber{acc: acc, got: map[int]time.Time{}}
		g.Go(func() error { return subs[i].subscribe(sseCtx, sse, a) })
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("subscribe: %w", err)
	}
	res.connectTook = time.Since(start)
	time.Sleep(time.Second)
	res.idleRSS, _, _ = srv.memory()

	subByID := map[string]*subscriber{}
	var subscribedUsers []string
	var adminSubs []*subscriber
	for _, s := range subs {
		subByID[s.acc.ID] = s
		switch s.acc.Role {
		case "user":
			if len(ds.byOwner[s.acc.ID]) > 0 {
				subscribedUsers = append(subscribedUsers, s.acc.ID)
			}
		case "admin":
			adminSubs = append(adminSubs, s)
		}
	}
	if len(subscribedUsers) == 0 {
		return nil, fmt.Errorf("no subscribed user owns a ticket")
	}

	r := rand.New(rand.NewPCG(5, 5))
	seq := 0
	for range b.cfg.rtRuns {
		var run rtRun
		type update struct {
			seq  int
			sent time.Time
			to   []*subscriber
		}
		var updates []update
		for range b.cfg.updates {
			seq++
			owner := subscribedUsers[r.IntN(len(subscribedUsers))]
			t := ds.tickets[ds.byOwner[owner][r.IntN(len(ds.byOwner[owner]))]]
			to := slices.Clone(adminSubs)
			to = append(to, subByID[owner])
			if s, ok := subByID[t.assignedTo]; ok && s.acc.Role == "moderator" {
				to = append(to, s)
			}
			sent := time.Now()
			err := a.do(ctx, "PATCH", "/api/collections/tickets/records/"+t.id, super, map[string]any{
				"summary":       fmt.Sprintf("%s%d", rtMarker, seq),
				"helpful_notes": fmt.Sprintf("- staff note %d", seq),
			}, nil)
			if err != nil {
				return nil, fmt.Errorf("update: %w", err)
			}
			run.patch = append(run.patch, time.Since(sent))
			updates = append(updates, update{seq: seq, sent: sent, to: to})
			time.Sleep(time.Until(sent.Add(res.interval)))
		}
		// wait for every expected delivery (or give up after 15 s)
		deadline := time.Now().Add(15 * time.Second)
		for {
			missing := 0
			for _, u := range updates {
				for _, s := range u.to {
					s.mu.Lock()
					if _, ok := s.got[u.seq]; !ok {
						missing++
					}
					s.mu.Unlock()
				}
			}
			if missing == 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		for _, u := range updates {
			for _, s := range u.to {
				run.expected++
				s.mu.Lock()
				at, ok := s.got[u.seq]
				s.mu.Unlock()
				if ok {
					run.received++
					run.lat = append(run.lat, at.Sub(u.sent))
				}
			}
		}
		if run.received < run.expected {
			b.problem("realtime: %d of %d expected deliveries never arrived (lost)", run.expected-run.received, run.expected)
		}
		res.runs = append(res.runs, run)
	}
	res.peakRSS = peak()
	_, res.hwm, _ = srv.memory()

	for _, s := range subs {
		s.mu.Lock()
		res.leaks = append(res.leaks, s.leaks...)
		if s.staffSeen {
			res.staffSawStaffFields = true
		}
		s.mu.Unlock()
	}
	if len(res.leaks) > 0 {
		b.problem("realtime: %d events a subscriber may not see, e.g. %s", len(res.leaks), res.leaks[0])
	}
	if !res.staffSawStaffFields {
		b.problem("realtime: no staff subscriber received helpful_notes: the leak check would not notice a missing field filter")
	}
	return res, nil
}
