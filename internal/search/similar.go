package search

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/text/unicode/norm"

	"helpdesk/internal/ticket"
)

// similarTerms is how many of a ticket's most telling words look for its
// neighbours; similarCandidates bounds the distinct words weighed.
const (
	similarTerms      = 12
	similarCandidates = 400
	// similarFloor is the least score, as a share of the best one's, of
	// a ticket called similar.
	similarFloor = 0.25
)

// Similar returns up to max tickets most like t among those the caller
// may see, best first, by the same index and ranking as Find: its most
// telling words (frequent in it, rare in the desk, title words counting
// more) looked for in any order. It reads only the text of t the caller
// may read. No model and no network: the index is all it needs.
func Similar(app core.App, c Caller, t *core.Record, max int) ([]Hit, error) {
	n := t.GetInt(ticket.FieldNumber)
	table := PublicTable
	if c.Admin || t.GetString(ticket.FieldAssignedTo) == c.ID {
		table = FullTable
	}
	var doc struct {
		Title string `db:"title"`
		Body  string `db:"body"`
	}
	err := app.DB().NewQuery(`SELECT title, body FROM ` + table + ` WHERE rowid = {:n}`).Bind(dbx.Params{"n": n}).One(&doc)
	if err != nil {
		return []Hit{}, nil // not indexed (yet): nothing to compare
	}
	words, err := tellingWords(app, doc.Title, doc.Body)
	if err != nil || len(words) == 0 {
		return []Hit{}, err
	}
	page, err := find(app, c, AnyOf(words), Filters{}, 1, max, n)
	if err != nil {
		return nil, err
	}
	// a ticket that shares only a common word or two is not similar
	items := page.Items
	for i, h := range items {
		if h.Score < similarFloor*items[0].Score {
			return items[:i], nil
		}
	}
	return items, nil
}

// tellingWords picks the words of a text that best tell it apart: tf-idf
// with the document counts of the full index, leaving out the words no
// other ticket has. Common words rank last, and bm25 weighs them little.
func tellingWords(app core.App, title, body string) ([]string, error) {
	tf := map[string]float64{}
	var order []string
	count := func(text string, weight float64) {
		for _, w := range words(text) {
			if _, seen := tf[w]; !seen {
				if len(order) >= similarCandidates {
					continue
				}
				order = append(order, w)
			}
			tf[w] += weight
		}
	}
	count(title, 4)
	count(body, 1)
	if len(order) == 0 {
		return nil, nil
	}
	var total int
	if err := app.DB().NewQuery(`SELECT count(*) FROM tickets`).Row(&total); err != nil {
		return nil, err
	}
	terms := make([]any, len(order))
	for i, w := range order {
		terms[i] = w
	}
	var dfs []struct {
		Term string `db:"term"`
		Doc  int    `db:"doc"`
	}
	if err := app.DB().Select("term", "doc").From(vocabTable).Where(dbx.In("term", terms...)).All(&dfs); err != nil {
		return nil, err
	}
	type scored struct {
		word  string
		score float64
	}
	var cands []scored
	for _, d := range dfs {
		if d.Doc < 2 {
			continue // no other ticket has it
		}
		cands = append(cands, scored{d.Term, (1 + math.Log(tf[d.Term])) * math.Log(float64(total)/float64(d.Doc))})
	}
	slices.SortFunc(cands, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.word, b.word)
	})
	var out []string
	for _, s := range cands[:min(len(cands), similarTerms)] {
		out = append(out, s.word)
	}
	return out, nil
}

// words splits a text as the index's tokenizer does (runs of letters and
// digits, lower case, diacritics removed), so that they name its terms.
func words(text string) []string {
	text = strings.ToLower(norm.NFD.String(text))
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a diacritic: dropped, the word goes on
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}
