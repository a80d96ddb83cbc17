package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// plainCollection is the baseline: the tickets fields on a bare
// PocketBase collection, with no hooks and a plain create rule.
const plainCollection = "bench_plain"

// createPlainCollection copies the tickets schema (fields and indexes) into
// plainCollection.
func createPlainCollection(ctx context.Context, a *api, superToken string) error {
	return plainCopy(ctx, a, superToken, "tickets", plainCollection, func(src []string) []string {
		var out []string
		for _, ix := range src {
			if strings.Contains(ix, "UNIQUE") {
				continue // the ticket number is the server's; a plain collection has none to give
			}
			ix = strings.ReplaceAll(ix, "idx_tickets_", "idx_"+plainCollection+"_")
			ix = strings.ReplaceAll(ix, "`tickets`", "`"+plainCollection+"`")
			out = append(out, ix)
		}
		return out
	})
}

// createRun is one round of concurrent creates on one collection.
type createRun struct {
	lat      latencies
	wall     time.Duration
	ok, errs int
	firstErr error
}

func (r createRun) rps() float64 { return float64(r.ok) / r.wall.Seconds() }

// closedLoop has every user send perUser requests at once, each user one
// request after the other (a closed loop), and times each one. post sends
// user i's request number j.
func closedLoop(users []account, perUser int, post func(i, j int, u account) error) createRun {
	var (
		mu  sync.Mutex
		run createRun
		wg  sync.WaitGroup
	)
	start := time.Now()
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range perUser {
				t0 := time.Now()
				err := post(i, j, u)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					run.errs++
					if run.firstErr == nil {
						run.firstErr = err
					}
				} else {
					run.ok++
					run.lat = append(run.lat, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	run.wall = time.Since(start)
	return run
}

// createLoad has every user create perUser records in collection at once,
// each user one request after the other.
func createLoad(ctx context.Context, a *api, collection string, users []account, perUser int, tag string) createRun {
	rands := make([]*rand.Rand, len(users))
	for i := range users {
		rands[i] = rand.New(rand.NewPCG(uint64(i), uint64(len(tag))))
	}
	return closedLoop(users, perUser, func(i, j int, u account) error {
		title, desc := randomTicket(rands[i], fmt.Sprintf("%s u%d n%d", tag, i, j))
		body := map[string]any{"title": title, "description": desc, "created_by": u.ID}
		return a.do(ctx, "POST", "/api/collections/"+collection+"/records", u.Token, body, nil)
	})
}

// disableRateLimits switches PocketBase's rate limiter off: the bench
// sends everything from one IP, far above the appliance's per-IP limits.
func disableRateLimits(ctx context.Context, a *api, super string) error {
	return a.do(ctx, "PATCH", "/api/settings", super, map[string]any{"rateLimits": map[string]any{"enabled": false}}, nil)
}

// triageWaiting is the filter of tickets the triage still has to finish.
const triageWaiting = `(triage = "pending" || triage = "analyzing" || triage = "assigning")`

// waitTriage polls until no ticket matching filter is waiting for the
// triage, and returns how long that took; on timeout it returns how many
// are still waiting.
func waitTriage(ctx context.Context, a *api, superToken, filter string, timeout time.Duration) (time.Duration, int, error) {
	start := time.Now()
	f := triageWaiting
	if filter != "" {
		f = "(" + filter + ") && " + triageWaiting
	}
	for {
		n, err := a.count(ctx, superToken, "tickets", f)
		if err != nil {
			return 0, 0, err
		}
		if n == 0 {
			return time.Since(start), 0, nil
		}
		if time.Since(start) > timeout {
			return time.Since(start), n, nil
		}
		select {
		case <-ctx.Done():
			return 0, n, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// createResult is benchmark 1: tickets against the plain collection.
type createResult struct {
	users, perUser     int
	tickets, plain     []createRun
	drains             []time.Duration
	idleRSS, peakRSS   int64
	hwm                int64
	storedTickets      int
	storedPlain        int
	expectedPerColl    int
	waitingAfterDrains int
}

// runCreateBench runs benchmark 1 on a fresh data dir; the triage workers
// run in the background with their defaults (builtin analyzer).
func (b *bench) runCreateBench(ctx context.Context) (*createResult, error) {
	srv, a, super, err := b.startFresh(ctx, "create", nil)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	res := &createResult{users: b.cfg.createUsers, perUser: b.cfg.createPerUser}
	time.Sleep(time.Second)
	if res.idleRSS, _, err = srv.memory(); err != nil {
		return nil, err
	}

	if err := createPlainCollection(ctx, a, super); err != nil {
		return nil, fmt.Errorf("plain collection: %w", err)
	}
	users, err := createAccounts(ctx, a, super, "creator", "user", b.cfg.createUsers, nil)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	// a moderator, so that the triage assigns as it does in production
	if _, err := createAccounts(ctx, a, super, "mod", "moderator", 2, []string{"networking", "databases", "billing"}); err != nil {
		return nil, fmt.Errorf("moderators: %w", err)
	}

	// warm-up: connections, statement caches, page cache
	createLoad(ctx, a, plainCollection, users, 2, "warm")
	createLoad(ctx, a, "tickets", users, 2, "warm")
	if _, n, err := waitTriage(ctx, a, super, "", b.cfg.stuckAfter); err != nil || n > 0 {
		return nil, fmt.Errorf("warm-up tickets not triaged (%d waiting): %v", n, err)
	}

	peak := srv.rssPeak()
	for round := range b.cfg.createRounds {
		tag := fmt.Sprintf("c%d", round)
		// alternate the order so that neither side always runs second
		if round%2 == 0 {
			res.plain = append(res.plain, createLoad(ctx, a, plainCollection, users, b.cfg.createPerUser, tag))
		}
		res.tickets = append(res.tickets, createLoad(ctx, a, "tickets", users, b.cfg.createPerUser, tag))
		// the triage of this round finishes before the next round starts,
		// so that rounds do not overlap
		d, n, err := waitTriage(ctx, a, super, "", b.cfg.stuckAfter)
		if err != nil {
			return nil, err
		}
		res.drains = append(res.drains, d)
		res.waitingAfterDrains += n
		if round%2 == 1 {
			res.plain = append(res.plain, createLoad(ctx, a, plainCollection, users, b.cfg.createPerUser, tag))
		}
	}
	res.peakRSS = peak()
	_, res.hwm, _ = srv.memory()

	for _, runs := range [][]createRun{res.tickets, res.plain} {
		for _, r := range runs {
			if r.errs > 0 {
				b.problem("create: %d of %d requests failed, first: %v", r.errs, r.errs+r.ok, r.firstErr)
			}
		}
	}
	res.expectedPerColl = b.cfg.createUsers * (2 + b.cfg.createRounds*b.cfg.createPerUser)
	if res.storedTickets, err = a.count(ctx, super, "tickets", ""); err != nil {
		return nil, err
	}
	if res.storedPlain, err = a.count(ctx, super, plainCollection, ""); err != nil {
		return nil, err
	}
	if okTickets := sumOK(res.tickets) + 2*len(users); res.storedTickets != okTickets {
		b.problem("create: %d tickets accepted but %d stored (lost)", okTickets, res.storedTickets)
	}
	if res.waitingAfterDrains > 0 {
		b.problem("create: %d tickets still waiting for the triage %s after their round (stuck)", res.waitingAfterDrains, b.cfg.stuckAfter)
	}
	if n, err := a.count(ctx, super, "tickets", `triage = "failed"`); err == nil && n > 0 {
		b.problem("create: %d tickets ended in triage=failed with the builtin analyzer", n)
	}
	return res, nil
}

func sumOK(runs []createRun) int {
	n := 0
	for _, r := range runs {
		n += r.ok
	}
	return n
}
