package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// indexResult is what the search index costs: its build and its size on
// the seeded data dir, and ticket creates with it and without it.
type indexResult struct {
	tickets, comments int
	reindexTook       time.Duration
	// size is the index's pages on disk (FTS5 tables and their shadow
	// tables), dbSize the whole data.db after the reindex.
	size, dbSize int64
	sizeErr      error

	on, off []createRun
}

// reindex runs `helpdesk search reindex` on a stopped data dir, as an
// operator would after an import, and measures the index on disk.
func (b *binary) reindex(ctx context.Context, dir string, res *indexResult) error {
	start := time.Now()
	cmd := exec.CommandContext(ctx, b.path, "search", "reindex", "--dir", dir)
	cmd.Env = childEnv(nil)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("helpdesk search reindex: %w\n%s", err, out)
	}
	res.reindexTook = time.Since(start)
	db, err := core.DefaultDBConnect(filepath.Join(dir, "data.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	// dbstat counts the pages of each table; a build without it leaves
	// the size unknown rather than guessed
	res.sizeErr = db.NewQuery(`SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'helpdesk_search%'`).Row(&res.size)
	if st, err := os.Stat(filepath.Join(dir, "data.db")); err == nil {
		res.dbSize = st.Size()
	}
	return nil
}

// runIndexCost measures ticket creates on two fresh servers, one keeping
// the search index (the default) and one with SEARCH_INDEX=off, in
// alternating rounds with the triage drained in between.
func (b *bench) runIndexCost(ctx context.Context, res *indexResult) error {
	type side struct {
		srv   *server
		a     *api
		super string
		users []account
	}
	sides := map[bool]*side{}
	for _, on := range []bool{true, false} {
		name, env := "index-on", []string(nil)
		if !on {
			name, env = "index-off", []string{"SEARCH_INDEX=off"}
		}
		srv, a, super, err := b.startFresh(ctx, name, env)
		if err != nil {
			return err
		}
		defer srv.stop()
		users, err := createAccounts(ctx, a, super, "creator", "user", b.cfg.createUsers, nil)
		if err != nil {
			return err
		}
		createLoad(ctx, a, "tickets", users, 2, "warm")
		sides[on] = &side{srv, a, super, users}
	}
	for round := range 2 * b.cfg.createRounds {
		for _, on := range []bool{round%2 == 0, round%2 != 0} {
			s := sides[on]
			if _, n, err := waitTriage(ctx, s.a, s.super, "", b.cfg.stuckAfter); err != nil || n > 0 {
				return fmt.Errorf("triage not drained (%d waiting): %v", n, err)
			}
			run := createLoad(ctx, s.a, "tickets", s.users, b.cfg.createPerUser, fmt.Sprintf("i%d", round))
			if run.errs > 0 {
				b.problem("index cost: %d of %d creates failed, first: %v", run.errs, run.errs+run.ok, run.firstErr)
			}
			if on {
				res.on = append(res.on, run)
			} else {
				res.off = append(res.off, run)
			}
		}
	}
	// the index kept up: every created ticket is in it
	s := sides[true]
	var found struct {
		TotalItems int `json:"totalItems"`
	}
	if err := s.a.do(ctx, "GET", "/api/helpdesk/search?q=i0", s.super, nil, &found); err != nil {
		return err
	}
	if want := res.on[0].ok; found.TotalItems != want {
		b.problem("index cost: %d tickets of round i0 in the index, %d created", found.TotalItems, want)
	}
	return nil
}

func (r *indexResult) markdown(p func(string, ...any)) {
	p("## 6. Search index")
	p("")
	if r.reindexTook > 0 {
		size := "unknown (" + strings.TrimSpace(fmt.Sprint(r.sizeErr)) + ")"
		if r.sizeErr == nil {
			size = mib(r.size)
		}
		p("| figure | value |")
		p("|---|---:|")
		p("| `helpdesk search reindex` on %d tickets and %d comments (stopped server, one transaction, then FTS5 optimize) | %s |", r.tickets, r.comments, ms(r.reindexTook))
		p("| index on disk (both FTS5 tables and their shadow tables, from dbstat) | %s |", size)
		p("| data.db after the reindex | %s |", mib(r.dbSize))
		p("")
	}
	if len(r.on) > 0 {
		p("Ticket creates with the index kept in the write's transaction (the default) and with `SEARCH_INDEX=off`, two fresh servers, alternating rounds of the same load as benchmark 1 (triage drained between rounds), %d rounds each:", len(r.on))
		p("")
		p("| | index on | index off | ratio (on/off) |")
		p("|---|---:|---:|---:|")
		for _, pc := range []float64{50, 95} {
			on := medianOf(r.on, func(x createRun) time.Duration { return x.lat.p(pc) })
			off := medianOf(r.off, func(x createRun) time.Duration { return x.lat.p(pc) })
			p("| p%.0f latency | %s | %s | %.2f |", pc, ms(on), ms(off), pairedRatio(r.on, r.off, func(x createRun) float64 { return float64(x.lat.p(pc)) }))
		}
		p("| throughput | %.0f req/s | %.0f req/s | %.2f |", medianFloat(r.on, createRun.rps), medianFloat(r.off, createRun.rps), pairedRatio(r.on, r.off, createRun.rps))
		p("")
	}
}
