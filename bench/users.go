package main

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"
)

const userPass = "bench-user-pass-123"

// createAccounts creates n users with role through the superuser API and
// signs each of them in.
func createAccounts(ctx context.Context, a *api, superToken, prefix, role string, n int, skills []string) ([]account, error) {
	out := make([]account, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	var mu sync.Mutex
	for i := range n {
		g.Go(func() error {
			email := fmt.Sprintf("%s%04d@bench.local", prefix, i)
			body := map[string]any{
				"email": email, "password": userPass, "passwordConfirm": userPass,
				"name": fmt.Sprintf("Bench %s %d", role, i), "role": role, "verified": true,
			}
			if skills != nil {
				body["skills"] = skills
			}
			if err := a.do(gctx, "POST", "/api/collections/users/records", superToken, body, nil); err != nil {
				return err
			}
			r, err := a.auth(gctx, "users", email, userPass)
			if err != nil {
				return err
			}
			mu.Lock()
			out[i] = account{ID: r.Record.ID, Email: email, Role: role, Token: r.Token}
			mu.Unlock()
			return nil
		})
	}
	return out, g.Wait()
}
