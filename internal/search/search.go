// Package search is the helpdesk's full-text search: an SQLite FTS5 index
// of each ticket's title, description and comments, kept in the
// transaction of every ticket and comment write; search and similar
// tickets read it with the ticket list's visibility.
//
// Each ticket has two documents, both with the ticket number as rowid:
// the full one (title; description and every comment) and the public one
// (title; description and the public comments). Who may read a ticket's
// internal notes (admins and its assignee, as the comments rules say)
// searches its full document; its creator searches the public one, so a
// match or a snippet never comes from a note they may not read.
package search

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// Table names of the index (FTS5 adds its shadow tables beside them).
const (
	FullTable   = "helpdesk_search_full"
	PublicTable = "helpdesk_search_public"
	// vocabTable lists the full index's terms with their document counts.
	vocabTable = "helpdesk_search_full_vocab"
)

// tokenize folds case and diacritics (remove_diacritics 2 also folds
// letters that carry several marks); the prefix indexes make two- and
// three-letter prefix searches cheap.
const ftsOptions = `title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'`

// weights of bm25 per column: a word in the title counts four times more.
const bm25Weights = `4.0, 1.0`

// CreateTables creates the index tables (empty).
func CreateTables(app core.App) error {
	for _, sql := range []string{
		`CREATE VIRTUAL TABLE IF NOT EXISTS ` + FullTable + ` USING fts5(` + ftsOptions + `)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS ` + PublicTable + ` USING fts5(` + ftsOptions + `)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS ` + vocabTable + ` USING fts5vocab(` + FullTable + `, 'row')`,
	} {
		if _, err := app.DB().NewQuery(sql).Execute(); err != nil {
			return fmt.Errorf("search: unable to create the index: %w", err)
		}
	}
	return nil
}

// DropTables removes the index.
func DropTables(app core.App) error {
	for _, t := range []string{vocabTable, PublicTable, FullTable} {
		if _, err := app.DB().NewQuery(`DROP TABLE IF EXISTS ` + t).Execute(); err != nil {
			return fmt.Errorf("search: unable to drop %s: %w", t, err)
		}
	}
	return nil
}

// Paging of search results.
const (
	PerPageDefault = 30
	PerPageMax     = 100
	PageMax        = 10000
	// SimilarMax is how many similar tickets are given.
	SimilarMax = 5
)
