package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// startResult is benchmark 5's start-up part.
type startResult struct {
	fresh  []time.Duration // empty data dir: serve runs every migration
	seeded []time.Duration // migrated dir with the reads dataset
}

// freshStarts starts the binary on empty data dirs, n times.
func (b *bench) freshStarts(ctx context.Context, n int) ([]time.Duration, error) {
	var out []time.Duration
	for i := range n {
		dir := filepath.Join(b.tmp, fmt.Sprintf("start-%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		srv, err := b.bin.start(ctx, dir, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, srv.ready)
		srv.stop()
	}
	return out, nil
}
