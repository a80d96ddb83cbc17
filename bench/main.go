// Command bench measures the helpdesk binary end to end: it builds it,
// starts it on loopback with fresh data dirs and drives it over HTTP and
// SSE (ticket creates against plain PocketBase, triage throughput, reads
// at size, realtime fan-out, memory and start-up). It writes a Markdown
// report to stdout and bench/results/latest.md, and exits non-zero only
// when a ticket or event was lost, stuck or leaked, or a step failed:
// never because of a time.
//
//	go run ./bench          # full run, under 10 minutes on 2 cores
//	go run ./bench -quick   # about a minute, for CI
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// config sizes a run.
type config struct {
	quick bool

	createUsers, createPerUser, createRounds int

	triageN, triageReps, builtinN int

	seedUsers, seedTickets, readRuns, readReqs int
	// readBudget bounds one run of one list
	readBudget time.Duration

	subscribers, updates, rtRuns int

	startRuns int

	convUsers, convPerUser, convRounds, convOpens int

	// stuckAfter is how long a ticket may wait for the triage before the
	// bench calls it stuck.
	stuckAfter time.Duration
}

var (
	fullConfig = config{
		createUsers: 32, createPerUser: 40, createRounds: 3,
		triageN: 64, triageReps: 3, builtinN: 400,
		seedUsers: 2000, seedTickets: 100_000, readRuns: 3, readReqs: 60, readBudget: 5 * time.Second,
		subscribers: 1000, updates: 100, rtRuns: 3,
		startRuns: 5, stuckAfter: 2 * time.Minute,
		convUsers: 16, convPerUser: 40, convRounds: 3, convOpens: 200,
	}
	quickConfig = config{
		quick:       true,
		createUsers: 8, createPerUser: 15, createRounds: 2,
		triageN: 16, triageReps: 1, builtinN: 60,
		seedUsers: 500, seedTickets: 10_000, readRuns: 2, readReqs: 10, readBudget: 2 * time.Second,
		subscribers: 200, updates: 20, rtRuns: 1,
		startRuns: 2, stuckAfter: 45 * time.Second,
		convUsers: 4, convPerUser: 10, convRounds: 2, convOpens: 30,
	}
)

// bench is one run: the binary, a scratch dir and the problems found.
type bench struct {
	cfg config
	bin *binary
	tmp string

	mu       sync.Mutex
	problems []string
}

// problem records something lost, stuck or leaked: the run fails.
func (b *bench) problem(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(os.Stderr, "bench: PROBLEM:", msg)
	b.mu.Lock()
	b.problems = append(b.problems, msg)
	b.mu.Unlock()
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench %s: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// freshDir is a new data dir, migrated, with the bench superuser.
func (b *bench) freshDir(ctx context.Context, name string) (string, error) {
	dir := filepath.Join(b.tmp, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, b.bin.prepareDir(ctx, dir)
}

func main() {
	quick := flag.Bool("quick", false, "small sizes, about a minute (CI)")
	out := flag.String("out", "bench/results/latest.md", "where to write the Markdown report too (empty: stdout only)")
	keep := flag.Bool("keep", false, "keep the scratch dir (data dirs and server logs)")
	bin := flag.String("bin", "", "benchmark this helpdesk binary instead of building the module (not under the temp dir: PocketBase would take it for `go run` and switch on dev mode)")
	only := flag.String("only", "", "comma-separated benchmarks to run: start,create,triage,conv,seeded,indexcost (default all)")
	flag.Parse()
	sel := map[string]bool{}
	for _, name := range strings.Split(*only, ",") {
		if name = strings.TrimSpace(name); name != "" {
			sel[name] = true
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	code := run(ctx, *quick, *out, *keep, sel, *bin)
	stopAll()
	os.Exit(code)
}

func run(ctx context.Context, quick bool, out string, keep bool, only map[string]bool, bin string) int {
	b := &bench{cfg: fullConfig}
	if quick {
		b.cfg = quickConfig
	}
	tmp, err := os.MkdirTemp("", "helpdesk-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	b.tmp = tmp
	if keep {
		progress("scratch dir %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	res, err := b.runAll(ctx, only, bin)
	if err != nil {
		stopAll()
		fmt.Fprintln(os.Stderr, "bench: FAILED:", err)
		return 1
	}
	report := res.markdown(b.cfg, b.problems)
	io.WriteString(os.Stdout, report)
	if out != "" {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err == nil {
			err = os.WriteFile(out, []byte(report), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: write report:", err)
		}
	}
	if len(b.problems) > 0 {
		fmt.Fprintf(os.Stderr, "bench: FAILED: %d problem(s), see the report\n", len(b.problems))
		return 1
	}
	return 0
}

// results holds every benchmark's figures.
type results struct {
	started   time.Time
	took      time.Duration
	binSize   int64
	buildTook time.Duration
	create    *createResult
	triage    *triageResult
	reads     *readsResult
	realtime  *realtimeResult
	conv      *convResult
	start     startResult
	index     *indexResult
}

func (b *bench) runAll(ctx context.Context, only map[string]bool, bin string) (*results, error) {
	res := &results{started: time.Now()}
	var err error
	want := func(name string) bool { return len(only) == 0 || only[name] }

	if bin != "" {
		st, err := os.Stat(bin)
		if err != nil {
			return nil, err
		}
		b.bin = &binary{path: bin, size: st.Size()}
	} else {
		progress("building the binary")
		if b.bin, res.buildTook, err = buildBinary(ctx); err != nil {
			return nil, err
		}
	}
	res.binSize = b.bin.size

	// a benchmark that cannot finish is reported as a problem and the
	// others still run
	step := func(name, title string, f func() error) {
		if !want(name) || ctx.Err() != nil {
			return
		}
		progress("%s", title)
		if err := f(); err != nil {
			b.problem("%s: %v", name, err)
		}
	}
	step("start", "5. start-up on empty data dirs", func() (err error) {
		res.start.fresh, err = b.freshStarts(ctx, b.cfg.startRuns)
		return err
	})
	step("create", "1. ticket creates against a plain collection", func() (err error) {
		res.create, err = b.runCreateBench(ctx)
		return err
	})
	step("triage", "2. triage throughput", func() (err error) {
		res.triage, err = b.runTriageBench(ctx)
		return err
	})
	step("conv", "7. conversation: comment creates and a 500-comment ticket opening", func() (err error) {
		res.conv, err = b.runConversation(ctx)
		return err
	})
	step("seeded", fmt.Sprintf("3+4. reads and realtime on %d users and %d tickets", b.cfg.seedUsers, b.cfg.seedTickets), func() error {
		return b.runSeeded(ctx, res)
	})
	step("indexcost", "6. ticket creates with and without the search index", func() error {
		if res.index == nil {
			res.index = &indexResult{}
		}
		return b.runIndexCost(ctx, res.index)
	})
	res.took = time.Since(res.started)
	return res, ctx.Err()
}

// runSeeded seeds a data dir, measures start-up on it, then the reads and
// the realtime fan-out on one server.
func (b *bench) runSeeded(ctx context.Context, res *results) error {
	dir, err := b.freshDir(ctx, "seeded")
	if err != nil {
		return err
	}
	ds, err := seed(dir, b.cfg.seedUsers, b.cfg.seedTickets, 1)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	// the seed writes around the hooks: the search index is built after
	if res.index == nil {
		res.index = &indexResult{}
	}
	res.index.tickets, res.index.comments = len(ds.tickets), ds.comments
	progress("search reindex of %d tickets and %d comments", len(ds.tickets), ds.comments)
	if err := b.bin.reindex(ctx, dir, res.index); err != nil {
		return err
	}
	for range b.cfg.startRuns - 1 {
		srv, err := b.bin.start(ctx, dir, nil)
		if err != nil {
			return err
		}
		res.start.seeded = append(res.start.seeded, srv.ready)
		srv.stop()
	}
	srv, err := b.bin.start(ctx, dir, nil)
	if err != nil {
		return err
	}
	defer srv.stop()
	res.start.seeded = append(res.start.seeded, srv.ready)
	a := newAPI(srv.base)
	super, err := srv.superuser(ctx, a)
	if err != nil {
		return err
	}
	if err := disableRateLimits(ctx, a, super); err != nil {
		return err
	}

	progress("3. reads at size")
	if res.reads, err = b.runReads(ctx, a, ds); err != nil {
		return fmt.Errorf("reads: %w", err)
	}
	progress("4. realtime fan-out to %d subscribers", b.cfg.subscribers)
	if res.realtime, err = b.runRealtime(ctx, srv, a, super, ds); err != nil {
		return fmt.Errorf("realtime: %w", err)
	}
	return nil
}
