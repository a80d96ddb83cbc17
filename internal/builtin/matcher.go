package builtin

import (
	"fmt"
	"sort"
	"strings"
)

// matcher finds vocabulary phrases in a token stream, leftmost-longest, so
// that "drop down" or "sql injection" win over "down" or "sql".
type matcher struct {
	// byFirst holds the phrases by their first word, longest first.
	byFirst map[string][]*phrase
	// byForm matches whole words (token.form) instead of stems.
	byForm bool
}

// phrase is one compiled vocabulary phrase; ids index the caller's table
// (one phrase may serve several entries, e.g. several skills).
type phrase struct {
	text  string
	words []string
	ids   []int
}

// match is one phrase found at tokens[start:start+len(phrase.words)].
type match struct {
	phrase *phrase
	start  int
}

type matcherBuilder struct {
	byText map[string]*phrase
	order  []*phrase
	byForm bool
}

func newMatcherBuilder() *matcherBuilder {
	return &matcherBuilder{byText: map[string]*phrase{}}
}

// add registers phrase text for table entry id. A phrase without words is a
// mistake in the vocabulary, caught by the tests that build an Analyzer.
func (b *matcherBuilder) add(text string, id int) {
	words := phraseWords(text)
	if b.byForm {
		words = strings.Fields(formKey(text))
	}
	if len(words) == 0 {
		panic(fmt.Sprintf("builtin: vocabulary phrase %q has no words", text))
	}
	key := strings.Join(words, " ")
	p := b.byText[key]
	if p == nil {
		p = &phrase{text: text, words: words}
		b.byText[key] = p
		b.order = append(b.order, p)
	}
	for _, have := range p.ids {
		if have == id {
			return
		}
	}
	p.ids = append(p.ids, id)
}

func (b *matcherBuilder) build() *matcher {
	m := &matcher{byFirst: make(map[string][]*phrase, len(b.order)), byForm: b.byForm}
	for _, p := range b.order {
		m.byFirst[p.words[0]] = append(m.byFirst[p.words[0]], p)
	}
	for _, list := range m.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	}
	return m
}

// scan calls visit for each match, left to right, without overlaps.
func (m *matcher) scan(toks []token, visit func(match)) {
	for i := 0; i < len(toks); {
		var found *phrase
		for _, p := range m.byFirst[toks[i].key(m.byForm)] {
			if fits(p.words, toks, i, m.byForm) {
				found = p
				break
			}
		}
		if found == nil {
			i++
			continue
		}
		visit(match{phrase: found, start: i})
		i += len(found.words)
	}
}

func fits(words []string, toks []token, at int, byForm bool) bool {
	if at+len(words) > len(toks) {
		return false
	}
	clause := toks[at].clause
	for k := range words {
		t := toks[at+k]
		if t.clause != clause || t.key(byForm) != words[k] || t.bareNumber {
			return false
		}
	}
	return true
}

// key is what a matcher compares: the stem, or the whole-word form.
func (t *token) key(byForm bool) string {
	if byForm {
		return t.form
	}
	return t.word
}
