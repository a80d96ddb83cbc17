package search

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Snippet markers: characters that never reach the index (clean turns
// them into spaces), so that they only ever stand around a match.
const (
	markOpen  = "\x01"
	markClose = "\x02"
)

// commentRow is what the index reads of a comment.
type commentRow struct {
	Ticket   string `db:"ticket"`
	Body     string `db:"body"`
	Internal bool   `db:"internal"`
}

// ticketRow is what the index reads of a ticket.
type ticketRow struct {
	ID          string `db:"id"`
	Number      int    `db:"number"`
	Title       string `db:"title"`
	Description string `db:"description"`
}

// document is one indexed text.
type document struct {
	title, body string
}

// documents builds a ticket's full and public documents; comments are in
// the conversation's order.
func documents(t ticketRow, comments []commentRow) (full, public document) {
	var all, pub strings.Builder
	desc := clean(t.Description)
	all.WriteString(desc)
	pub.WriteString(desc)
	for _, c := range comments {
		body := clean(c.Body)
		all.WriteString("\n\n")
		all.WriteString(body)
		if !c.Internal {
			pub.WriteString("\n\n")
			pub.WriteString(body)
		}
	}
	title := clean(t.Title)
	return document{title, all.String()}, document{title, pub.String()}
}

// clean blanks the match markers in indexed text.
func clean(s string) string { return markerBlanker.Replace(s) }

var markerBlanker = strings.NewReplacer(markOpen, " ", markClose, " ")

// commentOrder is the conversation's order, the same in SyncTicket and
// Reindex so that both write the same documents.
var commentOrder = []string{"ticket", "created", "id"}

// SyncTicket rewrites the documents of one ticket from its stored row and
// comments, on app (the transaction of the write that changed them). A
// ticket that no longer exists loses its documents. oldNumber is the
// ticket's number before the write when it changed (0 otherwise).
func SyncTicket(app core.App, ticketID string, oldNumber int) error {
	var t ticketRow
	err := app.DB().NewQuery(`SELECT id, number, title, description FROM tickets WHERE id = {:id}`).
		Bind(dbx.Params{"id": ticketID}).One(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return Remove(app, oldNumber)
	}
	if err != nil {
		return fmt.Errorf("search: unable to read ticket %s: %w", ticketID, err)
	}
	var comments []commentRow
	err = app.DB().NewQuery(`SELECT ticket, body, internal FROM comments WHERE ticket = {:id} ORDER BY ` + strings.Join(commentOrder, ", ")).
		Bind(dbx.Params{"id": ticketID}).All(&comments)
	if err != nil {
		return fmt.Errorf("search: unable to read the comments of ticket %s: %w", ticketID, err)
	}
	if oldNumber != 0 && oldNumber != t.Number {
		if err := Remove(app, oldNumber); err != nil {
			return err
		}
	}
	return write(app, t, comments)
}

// Remove deletes the documents of the ticket numbered n.
func Remove(app core.App, n int) error {
	if n == 0 {
		return nil
	}
	for _, table := range []string{FullTable, PublicTable} {
		if _, err := app.DB().NewQuery(`DELETE FROM ` + table + ` WHERE rowid = {:n}`).Bind(dbx.Params{"n": n}).Execute(); err != nil {
			return fmt.Errorf("search: unable to remove ticket %d: %w", n, err)
		}
	}
	return nil
}

// write replaces a ticket's two documents.
func write(app core.App, t ticketRow, comments []commentRow) error {
	if t.Number == 0 {
		return fmt.Errorf("search: ticket %s has no number", t.ID)
	}
	full, public := documents(t, comments)
	for _, d := range []struct {
		table string
		doc   document
	}{{FullTable, full}, {PublicTable, public}} {
		params := dbx.Params{"n": t.Number, "title": d.doc.title, "body": d.doc.body}
		if _, err := app.DB().NewQuery(`DELETE FROM ` + d.table + ` WHERE rowid = {:n}`).Bind(params).Execute(); err != nil {
			return fmt.Errorf("search: unable to index ticket %s: %w", t.ID, err)
		}
		if _, err := app.DB().NewQuery(`INSERT INTO ` + d.table + ` (rowid, title, body) VALUES ({:n}, {:title}, {:body})`).Bind(params).Execute(); err != nil {
			return fmt.Errorf("search: unable to index ticket %s: %w", t.ID, err)
		}
	}
	return nil
}
