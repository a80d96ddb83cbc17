package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// readQuery is one list people open, asked as one kind of account.
type readQuery struct {
	name, as string
	path     func(me string) string
}

// readFigure is one query's runs.
type readFigure struct {
	query readQuery
	runs  []latencies
	items int // totalItems of the first answer (-1: not counted)
}

// readsResult is benchmark 3.
type readsResult struct {
	users, tickets, comments int
	seedTook                 time.Duration
	figures                  []readFigure
	statsMissing             bool
}

// list is a tickets list path; {me} in the filter is the caller's id.
func list(perPage, sort, filter string) func(string) string {
	return func(me string) string {
		q := url.Values{"perPage": {perPage}, "sort": {sort}}
		if perPage == "500" {
			q.Set("skipTotal", "1")
		}
		if filter != "" {
			q.Set("filter", strings.ReplaceAll(filter, "{me}", me))
		}
		return "/api/collections/tickets/records?" + q.Encode()
	}
}

// searchPath is the search route's path for q, a page of 20.
func searchPath(q string) func(string) string {
	return func(string) string {
		return "/api/helpdesk/search?" + url.Values{"q": {q}, "perPage": {"20"}}.Encode()
	}
}

// readQueries are the lists of the issue, shaped as the PocketBase JS SDK
// sends them (getList counts the total unless skipTotal), and the search
// route beside the LIKE scan it replaces (same terms, same run).
func readQueries(term, rare string) []readQuery {
	like := func(t string) string { return fmt.Sprintf(`(title ~ "%s" || description ~ "%s")`, t, t) }
	open := `status != "done"`
	return []readQuery{
		{"my tickets, portal list (getFullList, -created)", "user", list("500", "-created", "")},
		{"my tickets, portal list with the rule repeated as filter", "user", list("500", "-created", `created_by = "{me}" || assigned_to = "{me}"`)},
		{"my tickets, page 1 with total", "user", list("20", "-created", `created_by = "{me}"`)},
		{"assigned to me, open", "moderator", list("20", "-created", `assigned_to = "{me}" && status != "done"`)},
		{"all open tickets by priority and age", "admin", list("20", "-priority,created", open)},
		{"all tickets, newest first", "admin", list("20", "-created", "")},
		{"queue: open, -severity,due", "admin", list("20", "-severity,due", open)},
		{"queue: open, -severity,due", "moderator", list("20", "-severity,due", open)},
		{"queue: open, -severity,due", "user", list("20", "-severity,due", open)},
		{"LIKE scan: text search in title and description, " + term, "admin", list("20", "-created", like(term))},
		{"LIKE scan: text search in my tickets, " + term, "user", list("20", "-created", like(term))},
		{"LIKE scan: text search in title and description, " + rare, "admin", list("20", "-created", like(rare))},
		{"search route (FTS5), common term " + term, "admin", searchPath(term)},
		{"search route (FTS5), rare term " + rare, "admin", searchPath(rare)},
		{"search route (FTS5), common term " + term, "user", searchPath(term)},
		{"search route (FTS5), rare term " + rare, "user", searchPath(rare)},
		{"search route (FTS5), common term " + term, "moderator", searchPath(term)},
		{"stats route", "admin", func(string) string { return "/api/helpdesk/stats" }},
	}
}

// signInSeeded signs in up to n seeded accounts of the given indexes.
func signInSeeded(ctx context.Context, a *api, ds *dataset, idx []int, n int) ([]account, error) {
	n = min(n, len(idx))
	out := make([]account, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(16)
	for i := range n {
		g.Go(func() error {
			u := ds.users[idx[i]]
			r, err := a.auth(gctx, "users", u.email, seedPass)
			if err != nil {
				return err
			}
			out[i] = account{ID: u.id, Email: u.email, Role: u.role, Token: r.Token}
			return nil
		})
	}
	return out, g.Wait()
}

// runReads measures the lists on a seeded server: each query asked
// reqs times one after the other (rotating accounts), in several runs.
func (b *bench) runReads(ctx context.Context, a *api, ds *dataset) (*readsResult, error) {
	res := &readsResult{users: len(ds.users), tickets: len(ds.tickets), comments: ds.comments, seedTook: ds.took}
	as := map[string][]account{}
	for role, idx := range map[string][]int{"user": ds.plain, "moderator": ds.mods, "admin": ds.admins} {
		accs, err := signInSeeded(ctx, a, ds, idx, 40)
		if err != nil {
			return nil, fmt.Errorf("sign in seeded %s: %w", role, err)
		}
		as[role] = accs
	}
	for _, q := range readQueries(ds.searchTerm, ds.rareTerm) {
		fig := readFigure{query: q, items: -1}
		var probe struct {
			TotalItems int `json:"totalItems"`
		}
		err := a.do(ctx, "GET", q.path(as[q.as][0].ID), as[q.as][0].Token, nil, &probe)
		var se *statusError
		if errors.As(err, &se) && se.Status == http.StatusNotFound && q.name == "stats route" {
			res.statsMissing = true
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.name, err)
		}
		fig.items = probe.TotalItems
		for range b.cfg.readRuns {
			var lat latencies
			// a slow list gets fewer requests (at least 5) so that the
			// whole run stays within its time budget
			budget := time.Now().Add(b.cfg.readBudget)
			for i := 0; i < b.cfg.readReqs && (i < 5 || time.Now().Before(budget)); i++ {
				acc := as[q.as][i%len(as[q.as])]
				t0 := time.Now()
				if err := a.do(ctx, "GET", q.path(acc.ID), acc.Token, nil, nil); err != nil {
					return nil, fmt.Errorf("%s: %w", q.name, err)
				}
				lat = append(lat, time.Since(t0))
			}
			fig.runs = append(fig.runs, lat)
		}
		res.figures = append(res.figures, fig)
	}
	return res, nil
}
