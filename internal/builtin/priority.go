package builtin

import (
	"cmp"
	"slices"
	"strconv"

	"helpdesk/internal/ticket"
)

// Score thresholds of the priority levels; neutral text scores 0 (medium).
const (
	criticalAt = 8
	highAt     = 4
	lowAt      = -2
)

// Weight factors: the title is what the user chose to say first; an
// incident word inside a question or a wish is about the topic, not a
// report of it ("how do I set up outage alerts?").
const (
	titleFactor = 1.5
	// framingFactor applies in the sentence that asks or wishes,
	// titleFramingFactor in the rest of a ticket whose title does: the
	// description may still report a real incident.
	framingFactor      = 0.3
	titleFramingFactor = 0.6
)

// negationWindow is how many words before a phrase a negation reaches.
const negationWindow = 3

// firedSignal is one signal that counted, for the notes.
type firedSignal struct {
	cat     category
	phrase  string
	weight  float64
	title   bool
	negated bool
}

// priorityResult is the priority with the reasons behind it.
type priorityResult struct {
	level   string
	score   float64
	signals []firedSignal
}

// assessPriority scores the weighted signals of a ticket.
func (a *Analyzer) assessPriority(d *doc) priorityResult {
	type hit struct {
		m     match
		group *signalGroup
	}
	var hits []hit
	framed := slices.Clone(d.questions)
	titleFramed := false
	a.signalMatcher.scan(d.tokens, func(m match) {
		g := &signalGroups[m.phrase.ids[0]]
		if g.cat == catNone {
			return
		}
		if categories[g.cat].framing {
			framed[d.tokens[m.start].sentence] = true
		}
		hits = append(hits, hit{m: m, group: g})
	})
	// A title that asks how to do something or wishes for something frames
	// the whole ticket; a bare question mark does not ("Site down?").
	if q, ok := questionTitle(d); ok {
		hits = append(hits, hit{m: q, group: &questionTitleSignal})
		framed[0] = true
	}
	for _, h := range hits {
		titleFramed = titleFramed || categories[h.group.cat].framing && d.tokens[h.m.start].title
	}

	// strongest positive and strongest negative signal per category
	var best [catCount][2]firedSignal
	for _, h := range hits {
		info := categories[h.group.cat]
		first := d.tokens[h.m.start]
		s := firedSignal{cat: h.group.cat, phrase: h.m.phrase.text, weight: h.group.weight, title: first.title}
		if info.negatable && a.negated(d.tokens, h.m.start) {
			s.negated = true
			s.weight = h.group.negated
		}
		if s.title {
			s.weight *= titleFactor
		}
		if s.weight > 0 && !info.framing {
			switch {
			case framed[first.sentence]:
				s.weight *= framingFactor
			case titleFramed:
				s.weight *= titleFramingFactor
			}
		}
		slot := s.cat
		if info.family != catNone {
			slot = info.family
		}
		pair := best[slot]
		switch {
		case s.weight > pair[0].weight:
			pair[0] = s
		case s.weight < pair[1].weight:
			pair[1] = s
		}
		best[slot] = pair
	}
	for _, s := range a.countedScope(d.tokens) {
		if s.weight > best[catScopeWide][0].weight {
			best[catScopeWide][0] = s
		}
	}
	problem := false
	for _, pair := range best {
		problem = problem || pair[0].weight > 0 && categories[pair[0].cat].problem
	}
	if !problem {
		best[catScopeWide][0] = firedSignal{}
	}

	var r priorityResult
	severe := false
	for _, pair := range best { // in category order: float sums stay deterministic
		for _, s := range pair {
			if s.weight == 0 {
				continue
			}
			r.score += s.weight
			r.signals = append(r.signals, s)
			if s.weight > 0 && categories[s.cat].severe {
				severe = true
			}
		}
	}
	slices.SortFunc(r.signals, func(x, y firedSignal) int {
		if c := cmp.Compare(abs(y.weight), abs(x.weight)); c != 0 {
			return c
		}
		return cmp.Compare(x.cat, y.cat)
	})
	r.level = priorityLevel(r.score, severe)
	return r
}

// priorityLevel maps a score to a level. Critical needs an outage, data
// loss, a security incident, business impact or a wide scope: a single
// user's login problem is high however loudly it is reported.
func priorityLevel(score float64, severe bool) string {
	switch {
	case score >= criticalAt && severe:
		return ticket.PriorityCritical
	case score >= highAt:
		return ticket.PriorityHigh
	case score <= lowAt:
		return ticket.PriorityLow
	default:
		return ticket.PriorityMedium
	}
}

// negated reports whether a negation precedes tokens[at] in its clause.
func (a *Analyzer) negated(toks []token, at int) bool {
	clause := toks[at].clause
	for k := at - 1; k >= 0 && k >= at-negationWindow; k-- {
		if toks[k].clause != clause {
			return false
		}
		if a.negators[toks[k].word] {
			// "not sure it is down" doubts, it does not deny
			return !(k+1 < len(toks) && toks[k+1].word == "sure")
		}
	}
	return false
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// scopeNouns are what a count of affected people or things is a count of.
var scopeNouns = []string{
	"users", "people", "customers", "employees", "staff", "members", "clients", "colleagues", "agents",
	"accounts", "persons", "stores", "shops", "sites", "locations", "offices", "teams", "seats", "devices",
	"machines", "computers", "laptops", "workstations", "servers", "tenants", "students", "orders",
}

// scopeCounters introduce a count of the affected, as opposed to a count
// that only describes ("from 25 to 15 people").
var scopeCounters = map[string]bool{
	"about": true, "over": true, "around": true, "nearly": true, "roughly": true, "approximately": true,
	"than": true, "our": true, "all": true, "affect": true, "impact": true, "the": true, "other": true,
	"least": true, "almost": true, "some": true,
}

// countedScope finds "about 30 users", "all 40 people", "our 300 staff",
// "about 60 warehouse devices".
func (a *Analyzer) countedScope(toks []token) []firedSignal {
	var out []firedSignal
	for i := 1; i+1 < len(toks); i++ {
		word := toks[i].word
		if word[0] < '1' || word[0] > '9' || !scopeCounters[toks[i-1].word] {
			continue
		}
		n, err := strconv.Atoi(word)
		if err != nil || n < 10 {
			continue
		}
		if !a.scopeNouns[toks[i+1].word] && !(i+2 < len(toks) && a.scopeNouns[toks[i+2].word]) {
			continue
		}
		w := 2.5
		if n >= 100 {
			w = 3
		}
		if toks[i].title {
			w *= titleFactor
		}
		out = append(out, firedSignal{cat: catScopeWide, phrase: toks[i].word + " " + toks[i+1].word, weight: w, title: toks[i].title})
	}
	return out
}

// questionTitleSignal is a title that is a question ("Is my data encrypted
// at rest?"): it asks for information rather than reporting a failure.
var questionTitleSignal = signalGroup{cat: catQuestion, weight: -2}

// interrogatives open a question; "why" is left out on purpose: "Why is
// the site down?" reports an incident.
var interrogatives = map[string]bool{
	"is": true, "are": true, "do": true, "doe": true, "does": true, "can": true, "could": true, "will": true,
	"would": true, "should": true, "how": true, "where": true, "which": true, "what": true, "whats": true,
	"when": true, "may": true, "am": true, "have": true, "has": true, "any": true,
}

// questionTitle reports a title that starts with an interrogative and ends
// with a question mark, as a match on its first word.
func questionTitle(d *doc) (match, bool) {
	if len(d.tokens) == 0 || !d.tokens[0].title || len(d.questions) == 0 || !d.questions[0] {
		return match{}, false
	}
	if !interrogatives[d.tokens[0].word] {
		return match{}, false
	}
	return match{phrase: &phrase{text: "question title", words: []string{d.tokens[0].word}}, start: 0}, true
}
