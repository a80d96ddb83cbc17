package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Superuser credentials of every bench data dir.
const (
	superEmail = "bench@bench.local"
	superPass  = "bench-superuser-pass"
)

// binary is the helpdesk binary under test.
type binary struct {
	path string
	size int64
}

// buildBinary builds the module at its root into bench/results, as a user
// would. Not under the temp dir: PocketBase takes a binary there for
// `go run` and switches on dev mode, which logs every SQL statement.
func buildBinary(ctx context.Context) (*binary, time.Duration, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return nil, 0, fmt.Errorf("go env GOMOD: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	path := filepath.Join(root, "bench", "results", "helpdesk")
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", path, ".")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, 0, fmt.Errorf("go build: %w\n%s", err, b)
	}
	took := time.Since(start)
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	return &binary{path: path, size: st.Size()}, took, nil
}

// prepareDir migrates a fresh data dir and creates the bench superuser,
// the way an operator sets up a new appliance.
func (b *binary) prepareDir(ctx context.Context, dir string) error {
	for _, args := range [][]string{
		{"migrate", "up", "--dir", dir},
		{"superuser", "upsert", superEmail, superPass, "--dir", dir},
	} {
		cmd := exec.CommandContext(ctx, b.path, args...)
		cmd.Env = childEnv(nil)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("helpdesk %s: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}

// benchLimits lift the appliance's per-user and per-address limits: the
// bench drives the server from one address with a few accounts, as the
// rate limiter's exclusion does for requests.
var benchLimits = []string{
	"REALTIME_MAX_PER_IP=1000000", "REALTIME_MAX_CONNECTIONS=1000000",
	"TICKETS_PER_USER_PER_HOUR=1000000", "GEMINI_DAILY_BUDGET_PER_USER=1000000",
}

// childEnv is the bench's environment without any triage or Gemini
// setting of the caller, plus the bench's limits and extra ("KEY=value").
func childEnv(extra []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GEMINI_") || strings.HasPrefix(kv, "TRIAGE_") || strings.HasPrefix(kv, "GOOGLE_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, benchLimits...)
	return append(env, extra...)
}

// server is one running `helpdesk serve`.
type server struct {
	cmd     *exec.Cmd
	base    string
	logPath string
	// ready is the time from process start to the first answered request.
	ready  time.Duration
	exited chan struct{}
}

var (
	liveMu  sync.Mutex
	liveSrv = map[*server]bool{}
)

// stopAll stops every server still running (bench exit or interrupt).
func stopAll() {
	liveMu.Lock()
	var all []*server
	for s := range liveSrv {
		all = append(all, s)
	}
	liveMu.Unlock()
	for _, s := range all {
		s.stop()
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start serves dir on a free loopback port with the extra environment and
// waits until GET /api/health answers.
func (b *binary) start(ctx context.Context, dir string, env []string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "serve.log")
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(b.path, "serve", "--http", addr, "--dir", dir)
	cmd.Env = childEnv(env)
	cmd.Stdout, cmd.Stderr = logf, logf
	s := &server{cmd: cmd, base: "http://" + addr, logPath: logPath, exited: make(chan struct{})}

	started := time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	go func() { cmd.Wait(); logf.Close(); close(s.exited) }()
	liveMu.Lock()
	liveSrv[s] = true
	liveMu.Unlock()

	hc := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := hc.Get(s.base + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				s.ready = time.Since(started)
				return s, nil
			}
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("helpdesk serve exited before answering:\n%s", s.logTail())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("helpdesk serve did not answer /api/health in 60s:\n%s", s.logTail())
		}
	}
}

// stop asks the server to shut down (SIGINT, like Ctrl-C) and kills it if
// it has not exited after 15 s.
func (s *server) stop() {
	liveMu.Lock()
	delete(liveSrv, s)
	liveMu.Unlock()
	select {
	case <-s.exited:
		return
	default:
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// logTail is the end of the server's log, for error messages.
func (s *server) logTail() string {
	b, _ := os.ReadFile(s.logPath)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// memory reads VmRSS and VmHWM (bytes) of the server process.
func (s *server) memory() (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, 0, err
		}
		if k == "VmRSS" {
			rss = kb * 1024
		} else {
			hwm = kb * 1024
		}
	}
	if rss == 0 {
		return 0, 0, errors.New("no VmRSS in /proc status")
	}
	return rss, hwm, sc.Err()
}

// rssPeak samples the server's RSS every 50 ms until stopped and returns
// the highest sample.
func (s *server) rssPeak() (stop func() int64) {
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var top int64
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if rss, _, err := s.memory(); err == nil && rss > top {
				top = rss
			}
			select {
			case <-done:
				peak <- top
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 { close(done); return <-peak }
}

// superuser signs in the bench superuser.
func (s *server) superuser(ctx context.Context, a *api) (string, error) {
	r, err := a.auth(ctx, "_superusers", superEmail, superPass)
	return r.Token, err
}

// startFresh starts the binary with env on a fresh data dir named name,
// and returns the server (stop it when done), an API client and a
// superuser token, with PocketBase's rate limiter off: the bench sends
// everything from one address.
func (b *bench) startFresh(ctx context.Context, name string, env []string) (*server, *api, string, error) {
	dir, err := b.freshDir(ctx, name)
	if err != nil {
		return nil, nil, "", err
	}
	srv, err := b.bin.start(ctx, dir, env)
	if err != nil {
		return nil, nil, "", err
	}
	a := newAPI(srv.base)
	super, err := srv.superuser(ctx, a)
	if err == nil {
		err = disableRateLimits(ctx, a, super)
	}
	if err != nil {
		srv.stop()
		return nil, nil, "", err
	}
	return srv, a, super, nil
}
