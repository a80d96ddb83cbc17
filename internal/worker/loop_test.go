package worker_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"helpdesk/internal/worker"
)

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// startLoop starts a loop that is stopped with the test.
func startLoop[J any](t *testing.T, cfg worker.Config[J]) *worker.Loop[J] {
	t.Helper()
	l := worker.New(cfg)
	if !l.Start() {
		t.Fatal("Start of a new loop reported false")
	}
	t.Cleanup(l.Stop)
	return l
}

func TestLoopSweepsOnStart(t *testing.T) {
	var sweeps atomic.Int32
	startLoop(t, worker.Config[string]{
		Interval: time.Hour,
		Sweep:    func(context.Context) time.Duration { sweeps.Add(1); return time.Hour },
	})
	waitFor(t, "the first sweep", func() bool { return sweeps.Load() == 1 })
}

func TestLoopWakesCoalesce(t *testing.T) {
	var sweeps atomic.Int32
	release := make(chan struct{})
	l := startLoop(t, worker.Config[string]{
		Interval: time.Hour,
		Sweep: func(context.Context) time.Duration {
			if sweeps.Add(1) == 1 {
				<-release
			}
			return time.Hour
		},
	})
	waitFor(t, "the first sweep", func() bool { return sweeps.Load() == 1 })
	for range 10 {
		l.Wake() // never blocks, even with nobody listening
	}
	close(release)
	waitFor(t, "the sweep the wakes asked for", func() bool { return sweeps.Load() == 2 })
	time.Sleep(50 * time.Millisecond)
	if n := sweeps.Load(); n != 2 {
		t.Fatalf("%d sweeps after ten wakes during a sweep, want 2 (the first and one more)", n)
	}

	l.Wake()
	waitFor(t, "the sweep of a later wake", func() bool { return sweeps.Load() == 3 })
}

func TestLoopSweepInterval(t *testing.T) {
	tests := []struct {
		name     string
		interval time.Duration
		wait     time.Duration
	}{
		{"the interval caps a longer wait", 5 * time.Millisecond, time.Hour},
		{"a shorter wait is kept", time.Hour, 5 * time.Millisecond},
		{"no wait sweeps again at once", time.Hour, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sweeps atomic.Int32
			startLoop(t, worker.Config[string]{
				Interval: tt.interval,
				Sweep:    func(context.Context) time.Duration { sweeps.Add(1); return tt.wait },
			})
			waitFor(t, "sweeps nobody woke the loop for", func() bool { return sweeps.Load() >= 4 })
		})
	}
}

func TestLoopStopIsIdempotent(t *testing.T) {
	var sweeps atomic.Int32
	var cancelled atomic.Bool
	l := worker.New(worker.Config[string]{
		Interval: time.Millisecond,
		Sweep: func(ctx context.Context) time.Duration {
			sweeps.Add(1)
			<-ctx.Done() // a sweep in flight when Stop comes
			cancelled.Store(true)
			return time.Hour
		},
	})
	l.Start()
	waitFor(t, "the first sweep", func() bool { return sweeps.Load() == 1 })

	var wg sync.WaitGroup
	for range 3 {
		wg.Go(l.Stop)
	}
	wg.Wait()
	if !cancelled.Load() {
		t.Fatal("Stop returned before the sweep in flight did")
	}
	l.Stop()
	l.Wake()
	if l.Start() {
		t.Fatal("a stopped loop started again")
	}
	time.Sleep(20 * time.Millisecond)
	if n := sweeps.Load(); n != 1 {
		t.Fatalf("%d sweeps, want 1", n)
	}
}

func TestLoopStopBeforeStart(t *testing.T) {
	var sweeps atomic.Int32
	l := worker.New(worker.Config[string]{
		Sweep: func(context.Context) time.Duration { sweeps.Add(1); return 0 },
		Work:  func(context.Context, string) {},
	})
	l.Wake()
	done := make(chan struct{})
	go func() { l.Stop(); l.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop before Start blocks")
	}
	if l.Start() {
		t.Fatal("a loop stopped before its start started")
	}
	if l.Submit("job") {
		t.Fatal("a stopped loop took a job")
	}
	time.Sleep(20 * time.Millisecond)
	if n := sweeps.Load(); n != 0 {
		t.Fatalf("%d sweeps, want none", n)
	}
}

func TestLoopStartTwice(t *testing.T) {
	var sweeps atomic.Int32
	l := startLoop(t, worker.Config[string]{
		Interval: time.Hour,
		Sweep:    func(context.Context) time.Duration { sweeps.Add(1); return time.Hour },
	})
	if l.Start() {
		t.Fatal("a running loop started again")
	}
	waitFor(t, "the first sweep", func() bool { return sweeps.Load() >= 1 })
	time.Sleep(20 * time.Millisecond)
	if n := sweeps.Load(); n != 1 {
		t.Fatalf("%d sweeps, want 1: a second Start ran a second sweep goroutine", n)
	}
}

func TestLoopWorkersShareTheJobs(t *testing.T) {
	const workers = 3
	var (
		mu   sync.Mutex
		seen []int
	)
	arrived := make(chan struct{})
	var once sync.Once
	var stopped atomic.Int32
	var l *worker.Loop[int]
	l = worker.New(worker.Config[int]{
		Workers:  workers,
		Interval: time.Hour,
		Sweep: func(context.Context) time.Duration {
			for i := range workers {
				if !l.Submit(i) {
					break
				}
			}
			return time.Hour
		},
		Work: func(ctx context.Context, job int) {
			mu.Lock()
			seen = append(seen, job)
			if len(seen) == workers {
				once.Do(func() { close(arrived) })
			}
			mu.Unlock()
			// every worker holds its job until all of them have one:
			// this only ends when the jobs run at the same time
			select {
			case <-arrived:
			case <-ctx.Done():
			}
			<-ctx.Done()
			stopped.Add(1)
		},
	})
	l.Start()
	t.Cleanup(l.Stop)
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatalf("the %d jobs did not run at once on %d workers", workers, workers)
	}
	l.Stop()
	if n := stopped.Load(); n != workers {
		t.Fatalf("Stop returned with %d of %d workers done", n, workers)
	}
}
