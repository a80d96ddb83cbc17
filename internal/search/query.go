package search

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a search text: longer or wordier ones are refused (400)
// rather than run.
const (
	QueryMaxLen   = 1000
	QueryMaxTerms = 32
)

// Errors of Parse, as the API tells them.
var (
	ErrEmptyQuery   = errors.New("Type at least one word to search for.")
	ErrOnlyExcluded = errors.New("Excluded words (-word) need at least one word to find.")
	ErrQueryTooLong = errors.New("The search text can be at most 1000 characters.")
	ErrTooManyTerms = errors.New("The search text can have at most 32 words and phrases.")
)

// Query is a search text read into an FTS5 match expression.
type Query struct {
	// Match is the FTS5 expression: every word and phrase AND-ed, words
	// as prefixes, excluded ones behind NOT.
	Match string
	// Include and Exclude are the words and phrases as the user wrote
	// them (phrases without their quotes).
	Include, Exclude []string
}

// term is one word or phrase of a search text.
type term struct {
	text     string
	phrase   bool
	excluded bool
}

// Parse reads a search text: words in any order (each one also finds the
// words it begins: pass finds password), "quoted phrases", and -excluded
// words or -"phrases". Case and diacritics do not matter (the index's
// tokenizer folds them in the text and in the query alike). Nothing in
// the text is FTS5 syntax: every word and phrase goes to FTS5 as a quoted
// string, so NEAR(, *, :, column names, AND/OR/NOT are only words, and
// signs without a letter or digit are dropped.
func Parse(q string) (Query, error) {
	if utf8.RuneCountInString(q) > QueryMaxLen {
		return Query{}, ErrQueryTooLong
	}
	terms := scan(q)
	if len(terms) > QueryMaxTerms {
		return Query{}, ErrTooManyTerms
	}
	var out Query
	var inc, exc []string
	for _, t := range terms {
		s := quote(t.text)
		if !t.phrase {
			s += "*"
		}
		if t.excluded {
			exc = append(exc, s)
			out.Exclude = append(out.Exclude, t.text)
		} else {
			inc = append(inc, s)
			out.Include = append(out.Include, t.text)
		}
	}
	switch {
	case len(inc) == 0 && len(exc) > 0:
		return Query{}, ErrOnlyExcluded
	case len(inc) == 0:
		return Query{}, ErrEmptyQuery
	}
	out.Match = strings.Join(inc, " AND ")
	if len(exc) > 0 {
		out.Match = "(" + out.Match + ") NOT (" + strings.Join(exc, " OR ") + ")"
	}
	return out, nil
}

// AnyOf is a match expression that finds the documents with any of the
// given words (as whole words), for similar tickets.
func AnyOf(words []string) string {
	quoted := make([]string, 0, len(words))
	for _, w := range words {
		if hasWordChar(w) {
			quoted = append(quoted, quote(w))
		}
	}
	return strings.Join(quoted, " OR ")
}

// scan splits a search text into words and phrases. A `"` opens a phrase
// wherever it stands (an unclosed one runs to the end); a `-` at the
// start of a word or phrase excludes it. Control characters count as
// spaces, and terms without a letter or digit are dropped.
func scan(q string) []term {
	q = strings.ToValidUTF8(q, " ")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q)
	var out []term
	add := func(t term) {
		if hasWordChar(t.text) {
			out = append(out, t)
		}
	}
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		excluded := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			excluded = true
			i++
		}
		if rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			add(term{text: strings.TrimSpace(string(rs[i+1 : j])), phrase: true, excluded: excluded})
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
			j++
		}
		add(term{text: string(rs[i:j]), excluded: excluded})
		i = j
	}
	return out
}

// quote makes s one FTS5 string: whatever it holds, FTS5 only tokenizes it.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// hasWordChar reports whether s has a character the tokenizer keeps in a
// token (it keeps letters and numbers): a string without one would make
// an empty FTS5 phrase.
func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
