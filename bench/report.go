package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

func ms(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// machine describes where the run happened.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.SplitN(string(b), "\n", 2)[0], "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
	}
	commit := "unknown"
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		commit = strings.TrimSpace(string(out))
		if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(st) > 0 {
			commit += " (with uncommitted changes)"
		}
	}
	return fmt.Sprintf("%d CPUs (%s)%s, %s/%s, %s, commit %s", runtime.NumCPU(), cpu, mem, runtime.GOOS, runtime.GOARCH, runtime.Version(), commit)
}

func (r *results) markdown(cfg config, problems []string) string {
	var w strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&w, format+"\n", args...) }
	mode := "full (`go run ./bench`)"
	if cfg.quick {
		mode = "quick (`go run ./bench -quick`): small sizes, figures indicative only"
	}
	p("# Helpdesk benchmark report")
	p("")
	p("- Run: %s UTC, %s, took %s", r.started.UTC().Format("2006-01-02 15:04"), mode, r.took.Round(time.Second))
	p("- Machine: %s", machine())
	if r.buildTook > 0 {
		p("- Binary: %s (`go build`, took %s)", mib(r.binSize), r.buildTook.Round(100*time.Millisecond))
	} else {
		p("- Binary: %s (given with -bin)", mib(r.binSize))
	}
	p("- Every figure is the median of the runs given; ratios are taken per run (same process, back to back) and their median reported.")
	p("")

	if c := r.create; c != nil {
		p("## 1. Ticket create: tickets vs plain PocketBase")
		p("")
		p("%d signed-in users create at once, each %d tickets one after another (closed loop), %d rounds per collection, order alternating. `tickets` has the appliance's hooks, rules and the triage queue (TRIAGE_WORKERS default 4, builtin analyzer working in the background during the round); `%s` is a bare collection with the same fields and indexes and create rule `@request.auth.id != \"\"`. Same request body (title, description, created_by).", c.users, c.perUser, len(c.tickets), plainCollection)
		p("")
		p("| | tickets | plain | ratio (tickets/plain) |")
		p("|---|---:|---:|---:|")
		for _, pc := range []float64{50, 95, 99} {
			t := medianOf(c.tickets, func(x createRun) time.Duration { return x.lat.p(pc) })
			pl := medianOf(c.plain, func(x createRun) time.Duration { return x.lat.p(pc) })
			p("| p%.0f latency | %s | %s | %.2f |", pc, ms(t), ms(pl), pairedRatio(c.tickets, c.plain, func(x createRun) float64 { return float64(x.lat.p(pc)) }))
		}
		p("| throughput | %.0f req/s | %.0f req/s | %.2f |",
			medianFloat(c.tickets, createRun.rps), medianFloat(c.plain, createRun.rps),
			pairedRatio(c.tickets, c.plain, createRun.rps))
		p("")
		p("After each round the triage of its tickets finished in %s (median; builtin analyzer, 4 workers). Stored: %d tickets, %d plain records; none lost, none left waiting unless listed under Problems.", ms(medianDur(c.drains)), c.storedTickets, c.storedPlain)
		p("")
	}

	if t := r.triage; t != nil {
		p("## 2. Triage throughput")
		p("")
		p("Tickets created 8 at a time over HTTP; wall time from the first create until every ticket of the batch has left pending/analyzing/assigning (polled every 20 ms). Fake Gemini: an HTTP server in the bench speaking generateContent with a fixed %s latency, reached through `GEMINI_BASE_URL`. A new server process per configuration.", ms(t.latency))
		p("")
		p("| analyzer | TRIAGE_WORKERS | tickets | runs | wall (median) | ideal N×latency/workers | wall/ideal | tickets/s |")
		p("|---|---:|---:|---:|---:|---:|---:|---:|")
		for _, w := range t.workers {
			runs := t.gemini[w]
			wall := medianOf(runs, func(x triageRun) time.Duration { return x.wall })
			ideal := time.Duration(t.geminiN) * t.latency / time.Duration(w)
			p("| fake Gemini | %d | %d | %d | %s | %s | %.2f | %.1f |", w, t.geminiN, len(runs), ms(wall), ms(ideal), float64(wall)/float64(ideal), float64(t.geminiN)/wall.Seconds())
		}
		for _, w := range t.workers {
			runs := t.builtin[w]
			wall := medianOf(runs, func(x triageRun) time.Duration { return x.wall })
			create := medianOf(runs, func(x triageRun) time.Duration { return x.createWall })
			p("| builtin | %d | %d | %d | %s (creates: %s) | – | – | %.0f |", w, t.builtinN, len(runs), ms(wall), ms(create), float64(t.builtinN)/wall.Seconds())
		}
		p("")
		p("The fake Gemini answered %d generateContent calls.", t.geminiCalls)
		p("")
	}

	if rd := r.reads; rd != nil {
		p("## 3. Reads at size")
		p("")
		p("%d users, %d tickets and %d comments written straight into `data.db` (%s) with triage done, the search index built by `helpdesk search reindex`, then served. Each list asked up to %d times in a row per run (rotating 40 accounts of the role; at least 5 times, then until the run's budget is spent), %d runs, through the REST API with the JS SDK's query shape (page 1, 20 per page with the total count, unless noted).", rd.users, rd.tickets, rd.comments, ms(rd.seedTook), cfg.readReqs, cfg.readRuns)
		p("")
		p("| list | as | rows matched | requests per run | p50 | p95 |")
		p("|---|---|---:|---:|---:|---:|")
		for _, f := range rd.figures {
			items := "–"
			if f.items >= 0 && f.query.name != "stats route" {
				items = fmt.Sprint(f.items)
			}
			p("| %s | %s | %s | %d | %s | %s |", f.query.name, f.query.as, items, len(f.runs[0]),
				ms(medianOf(f.runs, func(l latencies) time.Duration { return l.p(50) })),
				ms(medianOf(f.runs, func(l latencies) time.Duration { return l.p(95) })))
		}
		if rd.statsMissing {
			p("")
			p("The stats route `GET /api/helpdesk/stats` answered 404: not measured.")
		}
		p("")
	}

	if rt := r.realtime; rt != nil {
		p("## 4. Realtime fan-out")
		p("")
		p("%d SSE subscribers on the seeded server, each subscribed to `tickets/*` (the portal's live list): %d admins (see all), %d moderators (see their assigned tickets), %d users (see their own). The superuser updates a ticket of a subscribed user every %s (%d updates per run, %d runs); delivery time is from sending the PATCH to reading the event at each subscriber that may see it (owner, admins, assigned moderator).", rt.subscribers, rt.admins, rt.mods, rt.users, ms(rt.interval), rt.updatesPerRun, len(rt.runs))
		p("")
		exp, got := 0, 0
		for _, run := range rt.runs {
			exp += run.expected
			got += run.received
		}
		p("| subscribe all | deliveries expected / received | delivery p50 | delivery p99 | PATCH p50 | events a subscriber may not see |")
		p("|---:|---:|---:|---:|---:|---:|")
		p("| %s | %d / %d | %s | %s | %s | %d |", ms(rt.connectTook), exp, got,
			ms(medianOf(rt.runs, func(x rtRun) time.Duration { return x.lat.p(50) })),
			ms(medianOf(rt.runs, func(x rtRun) time.Duration { return x.lat.p(99) })),
			ms(medianOf(rt.runs, func(x rtRun) time.Duration { return x.patch.p(50) })),
			len(rt.leaks))
		p("")
		p("Checked on every event received: a user only receives tickets they created and never `helpful_notes`, `related_skills` or `resource_links`; a moderator only tickets created by or assigned to them.")
		if rt.staffSawStaffFields {
			p("Staff did receive `helpful_notes`, so the check can see the field.")
		}
		p("")
	}

	if c := r.conv; c != nil {
		c.markdown(p)
	}

	if r.index != nil {
		r.index.markdown(p)
	}

	p("## 5. Memory and start-up")
	p("")
	p("| figure | value |")
	p("|---|---:|")
	p("| binary size | %s |", mib(r.binSize))
	if len(r.start.fresh) > 0 {
		p("| start to first answered `GET /api/health`, empty data dir (runs all migrations) | %s (median of %d) |", ms(medianDur(r.start.fresh)), len(r.start.fresh))
	}
	if r.reads != nil && len(r.start.seeded) > 0 {
		p("| start to first answered request, %d tickets | %s (median of %d) |", r.reads.tickets, ms(medianDur(r.start.seeded)), len(r.start.seeded))
	}
	if c := r.create; c != nil {
		p("| RSS idle (fresh server, 1 s after start) | %s |", mib(c.idleRSS))
		p("| RSS peak under benchmark 1 (sampled every 50 ms) / VmHWM | %s / %s |", mib(c.peakRSS), mib(c.hwm))
	}
	if rt := r.realtime; rt != nil {
		p("| RSS with %d idle SSE subscribers (seeded server) | %s |", rt.subscribers, mib(rt.idleRSS))
		p("| RSS peak under benchmark 4 / VmHWM | %s / %s |", mib(rt.peakRSS), mib(rt.hwm))
	}
	p("")

	p("## Problems")
	p("")
	if len(problems) == 0 {
		p("None: no ticket lost or stuck, no event leaked.")
	}
	for _, pr := range problems {
		p("- %s", pr)
	}
	return w.String()
}

// pairedRatio is the median over runs of a(run i) / b(run i).
func pairedRatio[T any](a, b []T, f func(T) float64) float64 {
	var xs []float64
	for i := range min(len(a), len(b)) {
		if d := f(b[i]); d > 0 {
			xs = append(xs, f(a[i])/d)
		}
	}
	return median(xs)
}
