package search

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// reindexBatch is how many tickets Reindex reads at once.
const reindexBatch = 1000

// Reindex rebuilds the whole index from the tickets and comments, in one
// transaction (searches see the old index until it commits), with the
// same documents the live sync writes.
func Reindex(app core.App) error {
	return app.RunInTransaction(func(txApp core.App) error {
		for _, table := range []string{FullTable, PublicTable} {
			if _, err := txApp.DB().NewQuery(`DELETE FROM ` + table).Execute(); err != nil {
				return fmt.Errorf("search: unable to empty %s: %w", table, err)
			}
		}
		// one prepared insert per table: a fresh statement per document
		// would cost more than the document
		ins := map[string]*dbx.Query{}
		for _, table := range []string{FullTable, PublicTable} {
			q := txApp.DB().NewQuery(`INSERT INTO ` + table + ` (rowid, title, body) VALUES ({:n}, {:title}, {:body})`)
			q.Prepare()
			defer q.Close()
			ins[table] = q
		}
		last := ""
		for {
			var tickets []ticketRow
			err := txApp.DB().NewQuery(`SELECT id, number, title, description FROM tickets WHERE id > {:last} ORDER BY id LIMIT {:n}`).
				Bind(dbx.Params{"last": last, "n": reindexBatch}).All(&tickets)
			if err != nil {
				return fmt.Errorf("search: unable to read tickets: %w", err)
			}
			if len(tickets) == 0 {
				break
			}
			ids := make([]any, len(tickets))
			for i, t := range tickets {
				ids[i] = t.ID
			}
			var comments []commentRow
			err = txApp.DB().Select("ticket", "body", "internal").From("comments").
				Where(dbx.In("ticket", ids...)).OrderBy(commentOrder...).All(&comments)
			if err != nil {
				return fmt.Errorf("search: unable to read comments: %w", err)
			}
			byTicket := map[string][]commentRow{}
			for _, c := range comments {
				byTicket[c.Ticket] = append(byTicket[c.Ticket], c)
			}
			for _, t := range tickets {
				if t.Number == 0 {
					return fmt.Errorf("search: ticket %s has no number", t.ID)
				}
				full, public := documents(t, byTicket[t.ID])
				for table, d := range map[string]document{FullTable: full, PublicTable: public} {
					if _, err := ins[table].Bind(dbx.Params{"n": t.Number, "title": d.title, "body": d.body}).Execute(); err != nil {
						return fmt.Errorf("search: unable to index ticket %s: %w", t.ID, err)
					}
				}
			}
			last = tickets[len(tickets)-1].ID
		}
		return Optimize(txApp)
	})
}

// Optimize merges the index's segments into one, which makes it smaller
// and its searches faster (FTS5's 'optimize').
func Optimize(app core.App) error {
	for _, table := range []string{FullTable, PublicTable} {
		if _, err := app.DB().NewQuery(`INSERT INTO ` + table + ` (` + table + `) VALUES ('optimize')`).Execute(); err != nil {
			return fmt.Errorf("search: unable to optimize %s: %w", table, err)
		}
	}
	return nil
}

// Count returns how many tickets the index holds.
func Count(app core.App) (int, error) {
	var n int
	if err := app.DB().NewQuery(`SELECT count(*) FROM ` + FullTable).Row(&n); err != nil {
		return 0, fmt.Errorf("search: unable to count: %w", err)
	}
	return n, nil
}
