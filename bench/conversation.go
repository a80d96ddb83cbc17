package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/sync/errgroup"
)

// plainComments is the comments baseline: the comments fields on a bare
// collection, no hooks, create rule signed-in.
const plainComments = "bench_plain_comments"

// convResult holds the conversation figures.
type convResult struct {
	users, perUser      int
	comments, plain     []createRun
	threadComments      int
	threadFiles         int
	seedTook            time.Duration
	opensAsUser         latencies
	opensAsMod          latencies
	userSaw, modSaw     int // comments on the first page
	userEvents, modEvts int // events on the first page
}

// openBudget is the goal for opening a ticket (p95).
const openBudget = 20 * time.Millisecond

// createPlainComments copies the comments schema into plainComments, with
// the index the comments collection reads by.
func createPlainComments(ctx context.Context, a *api, superToken string) error {
	return plainCopy(ctx, a, superToken, "comments", plainComments, func([]string) []string {
		return []string{"CREATE INDEX idx_" + plainComments + "_ticket ON " + plainComments + " (ticket, created)"}
	})
}

// commentLoad has every user post perUser comments on their own ticket in
// collection at once, each user one after the other.
func commentLoad(ctx context.Context, a *api, collection string, users []account, tickets []string, perUser int, tag string) createRun {
	return closedLoop(users, perUser, func(i, j int, u account) error {
		body := map[string]any{"ticket": tickets[i], "author": u.ID,
			"body": fmt.Sprintf("%s: reply %d of user %d, with a little **Markdown** and a [link](https://example.com).", tag, j, i)}
		return a.do(ctx, "POST", "/api/collections/"+collection+"/records", u.Token, body, nil)
	})
}

// postMultipart sends a comment with one file.
func postMultipart(ctx context.Context, a *api, token string, values map[string]string, fileName string, content []byte) error {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range values {
		_ = w.WriteField(k, v)
	}
	part, err := w.CreateFormFile("attachments", fileName)
	if err != nil {
		return err
	}
	part.Write(content)
	w.Close()
	req, err := http.NewRequestWithContext(ctx, "POST", a.base+"/api/collections/comments/records", &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", token)
	res, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		return &statusError{Method: "POST", Path: "/api/collections/comments/records", Status: res.StatusCode, Body: string(body)}
	}
	return nil
}

func (b *bench) runConversation(ctx context.Context) (*convResult, error) {
	srv, a, super, err := b.startFresh(ctx, "conversation", nil)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	if err := createPlainComments(ctx, a, super); err != nil {
		return nil, fmt.Errorf("plain collection: %w", err)
	}
	res := &convResult{users: b.cfg.convUsers, perUser: b.cfg.convPerUser, threadComments: 500, threadFiles: 20}
	users, err := createAccounts(ctx, a, super, "asker", "user", b.cfg.convUsers, nil)
	if err != nil {
		return nil, err
	}
	mods, err := createAccounts(ctx, a, super, "helper", "moderator", 1, []string{"printing"})
	if err != nil {
		return nil, err
	}
	mod := mods[0]
	tickets := make([]string, len(users))
	for i, u := range users {
		var t struct{ ID string }
		if err := a.do(ctx, "POST", "/api/collections/tickets/records", u.Token, map[string]any{"title": fmt.Sprintf("Printer %d jams", i), "description": "It jams on every page."}, &t); err != nil {
			return nil, err
		}
		tickets[i] = t.ID
	}

	// 1. comment create, against the bare collection, rounds alternating
	commentLoad(ctx, a, "comments", users, tickets, 2, "warm")
	commentLoad(ctx, a, plainComments, users, tickets, 2, "warm")
	for round := range b.cfg.convRounds {
		tag := fmt.Sprintf("r%d", round)
		if round%2 == 0 {
			res.plain = append(res.plain, commentLoad(ctx, a, plainComments, users, tickets, b.cfg.convPerUser, tag))
		}
		res.comments = append(res.comments, commentLoad(ctx, a, "comments", users, tickets, b.cfg.convPerUser, tag))
		if round%2 == 1 {
			res.plain = append(res.plain, commentLoad(ctx, a, plainComments, users, tickets, b.cfg.convPerUser, tag))
		}
	}
	for _, runs := range [][]createRun{res.comments, res.plain} {
		for _, r := range runs {
			if r.errs > 0 {
				b.problem("conversation: %d of %d comment creates failed, first: %v", r.errs, r.errs+r.ok, r.firstErr)
			}
		}
	}
	want := len(users) * (2 + b.cfg.convRounds*b.cfg.convPerUser)
	if n, err := a.count(ctx, super, "comments", ""); err != nil || n != want {
		b.problem("conversation: %d comments stored, %d accepted (%v)", n, want, err)
	}

	// 2. one long thread: 500 comments (every tenth an internal note),
	// 20 of them with a file, on a ticket assigned to the moderator
	asker := users[0]
	var thread struct{ ID string }
	if err := a.do(ctx, "POST", "/api/collections/tickets/records", asker.Token, map[string]any{"title": "A long story", "description": "It goes on."}, &thread); err != nil {
		return nil, err
	}
	if err := a.do(ctx, "PATCH", "/api/collections/tickets/records/"+thread.ID, super, map[string]any{"assigned_to": mod.ID}, nil); err != nil {
		return nil, err
	}
	t0 := time.Now()
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	file := bytes.Repeat([]byte("log line of the printer\n"), 1000)
	for i := range res.threadComments {
		g.Go(func() error {
			who, internal := asker, false
			if i%2 == 1 {
				who = mod
				internal = i%10 == 1
			}
			text := fmt.Sprintf("Message %d of the thread.", i)
			if i%(res.threadComments/res.threadFiles) == 0 {
				return postMultipart(gctx, a, who.Token, map[string]string{"ticket": thread.ID, "body": text, "internal": fmt.Sprint(internal)}, fmt.Sprintf("log%d.txt", i), file)
			}
			return a.do(gctx, "POST", "/api/collections/comments/records", who.Token, map[string]any{"ticket": thread.ID, "body": text, "internal": internal}, nil)
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("thread: %w", err)
	}
	res.seedTook = time.Since(t0)

	// 3. opening it as the portal does: the ticket, the first page of
	// comments and of events, in parallel
	comments := "/api/collections/comments/records?" + url.Values{"filter": {`ticket = "` + thread.ID + `"`}, "sort": {"created"}, "perPage": {"50"}}.Encode()
	events := "/api/collections/ticket_events/records?" + url.Values{"filter": {`ticket = "` + thread.ID + `"`}, "sort": {"created"}, "perPage": {"50"}}.Encode()
	open := func(token string) (time.Duration, int, int, error) {
		var page [2]struct {
			TotalItems int `json:"totalItems"`
		}
		g, gctx := errgroup.WithContext(ctx)
		t0 := time.Now()
		g.Go(func() error { return a.do(gctx, "GET", "/api/collections/tickets/records/"+thread.ID, token, nil, nil) })
		g.Go(func() error { return a.do(gctx, "GET", comments, token, nil, &page[0]) })
		g.Go(func() error { return a.do(gctx, "GET", events, token, nil, &page[1]) })
		err := g.Wait()
		return time.Since(t0), page[0].TotalItems, page[1].TotalItems, err
	}
	for range 5 { // warm-up
		open(asker.Token)
		open(mod.Token)
	}
	for range b.cfg.convOpens {
		d, c, e, err := open(asker.Token)
		if err != nil {
			return nil, err
		}
		res.opensAsUser, res.userSaw, res.userEvents = append(res.opensAsUser, d), c, e
		d, c, e, err = open(mod.Token)
		if err != nil {
			return nil, err
		}
		res.opensAsMod, res.modSaw, res.modEvts = append(res.opensAsMod, d), c, e
	}
	notes := res.threadComments / 10
	if res.userSaw != res.threadComments-notes || res.modSaw != res.threadComments {
		b.problem("conversation: the requester counts %d comments (want %d without the notes), the moderator %d (want %d)", res.userSaw, res.threadComments-notes, res.modSaw, res.threadComments)
	}
	return res, nil
}

// markdown writes the section of the report.
func (c *convResult) markdown(p func(string, ...any)) {
	p("## 7. Conversation")
	p("")
	p("%d requesters post at once, each %d comments on their own ticket one after another (closed loop), %d rounds per collection, order alternating. `comments` has the appliance's hooks and rules (the author and ticket checks, the history event in the comment's transaction); `%s` is a bare collection with the same fields and create rule `@request.auth.id != \"\"`. Same JSON body (ticket, body, author).", c.users, c.perUser, len(c.comments), plainComments)
	p("")
	p("| | comments | plain | ratio |")
	p("|---|---:|---:|---:|")
	for _, pc := range []float64{50, 95, 99} {
		p("| p%.0f latency | %s | %s | %.2f |", pc,
			ms(medianOf(c.comments, func(x createRun) time.Duration { return x.lat.p(pc) })),
			ms(medianOf(c.plain, func(x createRun) time.Duration { return x.lat.p(pc) })),
			pairedRatio(c.comments, c.plain, func(x createRun) float64 { return float64(x.lat.p(pc)) }))
	}
	p("| throughput | %.0f req/s | %.0f req/s | %.2f |", medianFloat(c.comments, createRun.rps), medianFloat(c.plain, createRun.rps), pairedRatio(c.comments, c.plain, createRun.rps))
	p("")
	p("A ticket with %d comments (one in ten an internal note) and %d attachments (seeded over the API in %s) opened as the portal does: the ticket, the first page of 50 comments and the first page of 50 events, three requests in parallel; the time until the last answer, %d opens each.", c.threadComments, c.threadFiles, ms(c.seedTook), len(c.opensAsUser))
	p("")
	p("| as | comments counted | events counted | p50 | p95 | goal p95 ≤ %s |", ms(openBudget))
	p("|---|---:|---:|---:|---:|---|")
	for _, r := range []struct {
		as        string
		n, e      int
		latencies latencies
	}{{"requester", c.userSaw, c.userEvents, c.opensAsUser}, {"assigned moderator", c.modSaw, c.modEvts, c.opensAsMod}} {
		met := "met"
		if r.latencies.p(95) > openBudget {
			met = "**not met**"
		}
		p("| %s | %d | %d | %s | %s | %s |", r.as, r.n, r.e, ms(r.latencies.p(50)), ms(r.latencies.p(95)), met)
	}
	p("")
}
