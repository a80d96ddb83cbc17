package search

import (
	"fmt"
	"html"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Caller is who searches.
type Caller struct {
	ID string
	// Admin sees every ticket and every internal note (admins and
	// superusers); everyone else sees the tickets they created or are
	// assigned to, as the ticket list does, and the internal notes of
	// the ones assigned to them, as the comments rules say.
	Admin bool
}

// Filters narrow a search to tickets with these values ("" = any).
type Filters struct {
	Status, Priority, AssignedTo string
}

// Hit is one ticket found.
type Hit struct {
	ID         string  `json:"id" db:"id"`
	Number     int     `json:"number" db:"number"`
	Title      string  `json:"title" db:"title"`
	Status     string  `json:"status" db:"status"`
	Priority   string  `json:"priority" db:"priority"`
	AssignedTo string  `json:"assigned_to" db:"assigned_to"`
	Created    string  `json:"created" db:"created"`
	Snippet    string  `json:"snippet" db:"-"`
	Score      float64 `json:"score" db:"-"`
}

// Page is one page of hits, shaped as PocketBase's lists.
type Page struct {
	Page       int   `json:"page"`
	PerPage    int   `json:"perPage"`
	TotalItems int   `json:"totalItems"`
	Items      []Hit `json:"items"`
}

// match is a document that matched, before its ticket is read.
type match struct {
	N     int     `db:"n"`
	Score float64 `db:"s"` // bm25: lower is better
	Table string  `db:"tbl"`
}

// Find runs a parsed query for the caller: the tickets they may see whose
// text they may read matches, best first (then the newest), one page.
func Find(app core.App, c Caller, match string, f Filters, page, perPage int) (*Page, error) {
	return find(app, c, match, f, page, perPage, 0)
}

// find is Find that leaves out the ticket numbered except.
func find(app core.App, c Caller, expr string, f Filters, page, perPage, except int) (*Page, error) {
	out := &Page{Page: page, PerPage: perPage, Items: []Hit{}}
	var matches []match
	var err error
	if c.Admin {
		matches, out.TotalItems, err = findAll(app, expr, f, (page-1)*perPage, perPage, except)
	} else {
		matches, err = findOwn(app, c.ID, expr, f, except)
		out.TotalItems = len(matches)
		matches = pageOf(matches, page, perPage)
	}
	if err != nil {
		return nil, err
	}
	if out.Items, err = hits(app, expr, matches); err != nil {
		return nil, err
	}
	return out, nil
}

func pageOf(ms []match, page, perPage int) []match {
	from := (page - 1) * perPage
	if from >= len(ms) {
		return nil
	}
	return ms[from:min(from+perPage, len(ms))]
}

// filterSQL is the AND-ed conditions of the filters on tickets t.
func filterSQL(f Filters, except int, params dbx.Params) string {
	var sql string
	for _, kv := range [][2]string{{"status", f.Status}, {"priority", f.Priority}, {"assigned_to", f.AssignedTo}} {
		col, v := kv[0], kv[1]
		if v != "" {
			sql += ` AND t.` + col + ` = {:f_` + col + `}`
			params["f_"+col] = v
		}
	}
	if except != 0 {
		sql += ` AND t.number != {:except}`
		params["except"] = except
	}
	return sql
}

// findAll is an admin's search: every ticket's full document, driven by
// the index; the page is ranked and counted in SQL.
func findAll(app core.App, expr string, f Filters, offset, limit, except int) ([]match, int, error) {
	params := dbx.Params{"q": expr, "limit": limit, "offset": offset}
	from := ` FROM ` + FullTable + ` WHERE ` + FullTable + ` MATCH {:q}`
	if cond := filterSQL(f, except, params); cond != "" {
		from = ` FROM ` + FullTable + ` JOIN tickets t ON t.number = ` + FullTable + `.rowid WHERE ` + FullTable + ` MATCH {:q}` + cond
	}
	var total int
	if err := app.DB().NewQuery(`SELECT count(*)` + from).Bind(params).Row(&total); err != nil {
		return nil, 0, queryError(err)
	}
	var ms []match
	err := app.DB().NewQuery(`SELECT ` + FullTable + `.rowid AS n, bm25(` + FullTable + `, ` + bm25Weights + `) AS s, '` + FullTable + `' AS tbl` +
		from + ` ORDER BY s, n DESC LIMIT {:limit} OFFSET {:offset}`).Bind(params).All(&ms)
	if err != nil {
		return nil, 0, queryError(err)
	}
	return ms, total, nil
}

// ownProbeMax is how many tickets a part of findOwn may have for each
// one to be looked up in the index; past it, running the match once over
// the index and keeping the caller's tickets is cheaper.
var ownProbeMax = 300

// findOwn is everyone else's search: the full document of the tickets
// assigned to them, the public one of those they only created. Each part
// with a handful of tickets (a requester's) looks each one up in the
// index through the created_by or assigned_to index; a part with many (a
// busy moderator's assigned tickets) runs the match once over the index
// and keeps the caller's tickets.
func findOwn(app core.App, me, expr string, f Filters, except int) ([]match, error) {
	params := dbx.Params{"q": expr, "me": me}
	var counts struct {
		Assigned int `db:"assigned"`
		Created  int `db:"created"`
	}
	err := app.DB().NewQuery(`SELECT (SELECT count(*) FROM tickets WHERE assigned_to = {:me}) AS assigned,
		(SELECT count(*) FROM tickets WHERE created_by = {:me}) AS created`).Bind(params).One(&counts)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	cond := filterSQL(f, except, params)
	part := func(table, who string, tickets int) string {
		cols := `SELECT ` + table + `.rowid AS n, bm25(` + table + `, ` + bm25Weights + `) AS s, '` + table + `' AS tbl`
		if tickets > ownProbeMax {
			// the match runs once; the caller's ticket numbers are a list
			// each match is checked against (the + keeps SQLite from
			// handing the list to FTS5 as one lookup per number), so only
			// the caller's matches are read from tickets and ranked
			return cols + ` FROM ` + table + ` WHERE ` + table + ` MATCH {:q}
				AND +` + table + `.rowid IN (SELECT t.number FROM tickets t WHERE ` + who + cond + `)`
		}
		// CROSS JOIN fixes which side drives the loop
		return cols + ` FROM tickets t CROSS JOIN ` + table + ` ON ` + table + `.rowid = t.number
			WHERE ` + who + ` AND ` + table + ` MATCH {:q}` + cond
	}
	sql := part(FullTable, `t.assigned_to = {:me}`, counts.Assigned) + ` UNION ALL ` +
		part(PublicTable, `t.created_by = {:me} AND t.assigned_to != {:me}`, counts.Created) + ` ORDER BY s, n DESC`
	var ms []match
	if err := app.DB().NewQuery(sql).Bind(params).All(&ms); err != nil {
		return nil, queryError(err)
	}
	return ms, nil
}

// hits reads the tickets of the matches and their snippets, from the
// document each one matched in.
func hits(app core.App, expr string, ms []match) ([]Hit, error) {
	if len(ms) == 0 {
		return []Hit{}, nil
	}
	nums := make([]any, len(ms))
	byTable := map[string][]any{}
	for i, m := range ms {
		nums[i] = m.N
		byTable[m.Table] = append(byTable[m.Table], m.N)
	}
	var rows []Hit
	err := app.DB().Select("id", "number", "title", "status", "priority", "assigned_to", "created").
		From("tickets").Where(dbx.In("number", nums...)).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("search: unable to read the tickets found: %w", err)
	}
	snippets := map[string]map[int]string{}
	for table, ns := range byTable {
		var ss []struct {
			N       int    `db:"n"`
			Snippet string `db:"snippet"`
		}
		err := app.DB().Select("rowid AS n", "snippet("+table+", -1, {:open}, {:close}, '…', 24) AS snippet").
			From(table).Where(dbx.NewExp(table+" MATCH {:q}", dbx.Params{"q": expr, "open": markOpen, "close": markClose})).
			AndWhere(dbx.In("rowid", ns...)).All(&ss)
		if err != nil {
			return nil, queryError(err)
		}
		snippets[table] = map[int]string{}
		for _, s := range ss {
			snippets[table][s.N] = markup(s.Snippet)
		}
	}
	byNumber := map[int]Hit{}
	for _, r := range rows {
		byNumber[r.Number] = r
	}
	out := make([]Hit, 0, len(ms))
	for _, m := range ms {
		h, ok := byNumber[m.N]
		if !ok {
			continue // deleted since: the index follows in the same transaction, so only a race
		}
		h.Snippet = snippets[m.Table][m.N]
		h.Score = score(m.Score)
		out = append(out, h)
	}
	return out, nil
}

// score turns bm25 (lower is better, negative) into a positive score,
// higher is better, rounded to three decimals.
func score(bm25 float64) float64 {
	return float64(int64(-bm25*1000+0.5)) / 1000
}

// markup HTML-escapes a snippet and turns the match markers into <mark>
// and </mark>: the only markup in it.
func markup(s string) string {
	s = html.EscapeString(s)
	return markerTags.Replace(s)
}

var markerTags = strings.NewReplacer(markOpen, "<mark>", markClose, "</mark>")

// queryError keeps FTS5's own complaints apart: Parse only makes valid
// expressions, so one is a bug, but a caller gets a 400, not a 500.
func queryError(err error) error {
	if strings.Contains(err.Error(), "fts5") {
		return &QueryError{Err: err}
	}
	return fmt.Errorf("search: %w", err)
}

// QueryError is a query the index refused.
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return "search: the index refused the query: " + e.Err.Error() }

func (e *QueryError) Unwrap() error { return e.Err }
