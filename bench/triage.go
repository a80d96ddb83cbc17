package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"time"

	"golang.org/x/sync/errgroup"

	"helpdesk/internal/gemini/geminitest"
)

// benchSkills are the triage moderators' skills; the fake Gemini names
// them in turn.
var benchSkills = []string{"networking", "databases", "billing", "security"}

// triageRun is one batch of tickets created at once and triaged.
type triageRun struct {
	n          int
	createWall time.Duration
	// wall is from the first create to the moment every ticket of the
	// batch has left pending/analyzing/assigning.
	wall time.Duration
}

// triageResult is benchmark 2.
type triageResult struct {
	latency           time.Duration
	geminiN, builtinN int
	gemini, builtin   map[int][]triageRun
	workers           []int
	geminiCalls       int64
}

// runTriageBench runs batches of tickets through a fake Gemini with a
// fixed latency, then through the builtin analyzer, for each worker count
// (a fresh server process per configuration, same data dir).
func (b *bench) runTriageBench(ctx context.Context) (*triageResult, error) {
	dir, err := b.freshDir(ctx, "triage")
	if err != nil {
		return nil, err
	}
	const latency = 300 * time.Millisecond
	fake := geminitest.NewServer(geminitest.Steady(latency, benchSkills...))
	defer fake.Close()
	res := &triageResult{
		latency: latency, geminiN: b.cfg.triageN, builtinN: b.cfg.builtinN,
		gemini: map[int][]triageRun{}, builtin: map[int][]triageRun{}, workers: []int{1, 4, 16},
	}

	var filers []account
	var super string
	for _, analyzer := range []string{"gemini", "builtin"} {
		for _, w := range res.workers {
			env := []string{"TRIAGE_WORKERS=" + strconv.Itoa(w)}
			n := res.builtinN
			if analyzer == "gemini" {
				env = append(env, "GEMINI_API_KEY=bench-fake-key", "GEMINI_BASE_URL="+fake.URL)
				n = res.geminiN
			}
			srv, err := b.bin.start(ctx, dir, env)
			if err != nil {
				return nil, err
			}
			a := newAPI(srv.base)
			if filers == nil {
				if super, err = srv.superuser(ctx, a); err != nil {
					srv.stop()
					return nil, err
				}
				if err = disableRateLimits(ctx, a, super); err == nil {
					filers, err = createAccounts(ctx, a, super, "filer", "user", 4, nil)
				}
				if err == nil {
					_, err = createAccounts(ctx, a, super, "triagemod", "moderator", 3, benchSkills)
				}
				if err != nil {
					srv.stop()
					return nil, err
				}
			}
			for rep := range b.cfg.triageReps {
				tag := fmt.Sprintf("t-%s%d-r%d", analyzer[:1], w, rep)
				run, err := b.triageBatch(ctx, a, super, filers, n, tag, w, latency, analyzer == "gemini")
				if err != nil {
					srv.stop()
					return nil, err
				}
				if analyzer == "gemini" {
					res.gemini[w] = append(res.gemini[w], run)
				} else {
					res.builtin[w] = append(res.builtin[w], run)
				}
			}
			srv.stop()
		}
	}
	res.geminiCalls = int64(fake.Calls())
	return res, nil
}

// triageBatch creates n tickets (8 at a time) and waits until all are
// triaged; it records a problem for any ticket lost, stuck, failed or not
// analysed by the expected analyzer.
func (b *bench) triageBatch(ctx context.Context, a *api, super string, filers []account, n int, tag string, workers int, latency time.Duration, gemini bool) (triageRun, error) {
	run := triageRun{n: n}
	start := time.Now()
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i := range n {
		g.Go(func() error {
			u := filers[i%len(filers)]
			title, desc := randomTicket(rand.New(rand.NewPCG(uint64(i), 7)), fmt.Sprintf("%s n%d", tag, i))
			return a.do(gctx, "POST", "/api/collections/tickets/records", u.Token,
				map[string]any{"title": title, "description": desc}, nil)
		})
	}
	if err := g.Wait(); err != nil {
		return run, fmt.Errorf("triage %s: create: %w", tag, err)
	}
	run.createWall = time.Since(start)

	mine := fmt.Sprintf(`title ~ "[%s "`, tag)
	ideal := time.Duration(n) * latency / time.Duration(workers)
	if !gemini {
		ideal = 0
	}
	_, waiting, err := waitTriage(ctx, a, super, mine, 4*ideal+b.cfg.stuckAfter)
	if err != nil {
		return run, err
	}
	run.wall = time.Since(start)

	stored, err := a.count(ctx, super, "tickets", mine)
	if err != nil {
		return run, err
	}
	if stored != n {
		b.problem("triage %s: %d tickets created, %d stored (lost)", tag, n, stored)
	}
	if waiting > 0 {
		b.problem("triage %s: %d of %d tickets still pending/analyzing/assigning after %s (stuck)", tag, waiting, n, run.wall.Round(time.Second))
	}
	if failed, _ := a.count(ctx, super, "tickets", mine+` && triage = "failed"`); failed > 0 {
		b.problem("triage %s: %d tickets ended in triage=failed", tag, failed)
	}
	want := `analyzer ~ "builtin"`
	if gemini {
		want = `analyzer ~ "gemini" && analyzer !~ "builtin"`
	}
	if got, _ := a.count(ctx, super, "tickets", mine+" && "+want); got != n {
		var page struct {
			Items []struct {
				Analyzer string `json:"analyzer"`
			} `json:"items"`
		}
		a.do(ctx, "GET", "/api/collections/tickets/records?perPage=1&filter="+url.QueryEscape(mine+" && !("+want+")"), super, nil, &page)
		sample := ""
		if len(page.Items) > 0 {
			sample = page.Items[0].Analyzer
		}
		b.problem("triage %s: %d of %d tickets not analysed as expected (%s), e.g. analyzer=%q", tag, n-got, n, want, sample)
	}
	return run, nil
}
