package builtin

import (
	"cmp"
	"math"
	"slices"

	"helpdesk/internal/ticket"
)

// Score thresholds of the priority levels; neutral text scores 0 (medium).
const (
	criticalAt = 8
	highAt     = 4
	lowAt      = -1.5
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
	// money: an amount shown or charged wrong (moneyWrong)
	money bool
}

// priorityResult is the priority with the reasons behind it.
type priorityResult struct {
	level string
	// impactLevel is the level the stated impact alone gives, before the
	// tone adjusts it.
	impactLevel string
	// ruleLevel is the level of the rules alone, tone included; level is
	// the model's choice (model.go).
	ruleLevel string
	reasons   []reason
	score     float64
	signals   []firedSignal
}

// hit is one signal phrase found in a ticket.
type hit struct {
	m     match
	group *signalGroup
}

// assessPriority reads the impact and tone of a ticket with the rules,
// and lets the model m, unless nil, choose the level from that reading and
// the words.
func (a *Analyzer) assessPriority(d *doc, m *learned) priorityResult {
	best := a.bestSignals(d)
	r := tally(best)
	r.ruleLevel = r.level
	if m != nil {
		fs := priorityFeatures(d, r, &best)
		c := decide(m.priorityScores(fs))
		r.level = ticket.Priorities[c]
		r.reasons = m.reasons(fs, c, maxReasons)
	}
	return r
}

// maxReasons is how many of the model's reasons the notes show.
const maxReasons = 4

// bestSignals finds the strongest positive and negative signal of each
// category.
func (a *Analyzer) bestSignals(d *doc) [catCount][2]firedSignal {
	hits, framed, titleFramed := a.signalHits(d)
	best := a.strongest(d, hits, framed, titleFramed)
	for _, s := range a.countedScope(d.tokens) {
		if s.weight > best[s.cat][0].weight {
			best[s.cat][0] = s
		}
	}
	if s, ok := deadline(d.tokens); ok && s.weight > best[catDeadline][0].weight {
		best[catDeadline][0] = s
	}
	problems := problemSentences(d, hits)
	if s, ok := moneyWrong(d.tokens, framed, problems); ok && s.weight > best[catPayment][0].weight {
		best[catPayment][0] = s
	}
	if s, ok := audienceScope(d.tokens, problems, framed); ok {
		best[catAudience][0] = s
	}
	if s, ok := otherPeoplesData(d.tokens); ok && s.weight > best[catSecurity][0].weight {
		best[catSecurity][0] = s
	}
	if s, ok := a.nobodyCan(d.tokens, framed); ok && s.weight > best[catBlocked][0].weight {
		best[catBlocked][0] = s
	}
	return best
}

// problemSentences marks the sentences where a problem is reported, not
// denied.
func problemSentences(d *doc, hits []hit) []bool {
	out := make([]bool, len(d.questions))
	for _, h := range hits {
		if h.group.weight > 0 && categories[h.group.cat].problem {
			out[d.tokens[h.m.start].sentence] = true
		}
	}
	return out
}

// nobodyCan finds an ability denied to everyone: "nobody can log in",
// "none of our 400 employees can get into the intranet", "no one here
// can open it". It reports what the sentence says, not a phrase of it.
func (a *Analyzer) nobodyCan(toks []token, framed []bool) (firedSignal, bool) {
	if s, ok := nobodyGets(toks, framed); ok {
		return s, true
	}
	for i, t := range toks {
		if t.machine || t.word != "can" && t.word != "could" && t.raw != "able" {
			continue
		}
		// the sentence, not the clause: "nobody in our office (about 200
		// people) can open it"
		for k := i - 1; k >= 0 && k >= i-8 && toks[k].sentence == t.sentence; k-- {
			w := toks[k].word
			// "no customer has been able to pay": no one of a group
			noGroup := k > 0 && toks[k-1].raw == "no" && (w == "one" || audienceNouns[toks[k].raw+"s"] || audienceNouns[toks[k].raw])
			if w == "nobody" || w == "none" || w == "noone" || noGroup {
				weight := 3.0
				if t.title {
					weight *= titleFactor
				}
				return firedSignal{cat: catBlocked, phrase: "nobody can", weight: weight, title: t.title}, true
			}
		}
	}
	return firedSignal{}, false
}

// nobodyStates are verbs after "nobody" that tell no failure: "nobody
// knows why", "nobody else", "nobody is affected".
var nobodyStates = map[string]bool{
	"knows": true, "cares": true, "uses": true, "seems": true, "wants": true, "needs": true, "likes": true,
	"remembers": true, "reads": true, "notices": true, "is": true, "has": true, "was": true, "else": true,
	"here": true, "complains": true, "asks": true, "minds": true, "does": true, "needed": true,
}

// nobodyGets finds a failure told by what nobody does: "nobody reaches an
// agent", "no one receives the codes", "nobody gets paid". Whatever the
// function, it fails for everyone.
func nobodyGets(toks []token, framed []bool) (firedSignal, bool) {
	for i := 0; i+1 < len(toks); i++ {
		t, next := toks[i], toks[i+1]
		who := t.raw == "nobody" || t.raw == "one" && i > 0 && toks[i-1].raw == "no"
		if t.machine || !who || framed[t.sentence] || next.clause != t.clause || nobodyStates[next.raw] || len(next.raw) < 4 || next.raw[len(next.raw)-1] != 's' {
			continue
		}
		w := 3.0
		if t.title {
			w *= titleFactor
		}
		return firedSignal{cat: catBlocked, phrase: t.raw + " " + next.raw, weight: w, title: t.title}, true
	}
	return firedSignal{}, false
}

// signalHits finds the signal phrases and the sentences that ask or wish
// rather than report (framed); titleFramed is set when the title does.
func (a *Analyzer) signalHits(d *doc) (hits []hit, framed []bool, titleFramed bool) {
	framed = slices.Clone(d.questions)
	a.signalMatcher.scan(d.tokens, func(m match) {
		g := &signalGroups[m.phrase.ids[0]]
		if g.cat == catNone || d.tokens[m.start].machine && !g.evidence {
			return
		}
		if categories[g.cat].framing {
			framed[d.tokens[m.start].sentence] = true
		}
		hits = append(hits, hit{m: m, group: g})
	})
	if q, ok := questionTitle(d); ok {
		hits = append(hits, hit{m: q, group: &questionTitleSignal})
		framed[0] = true
	}
	for _, h := range hits {
		titleFramed = titleFramed || categories[h.group.cat].framing && d.tokens[h.m.start].title
	}
	return hits, framed, titleFramed
}

// strongest weighs each hit (negation, title, framing) and keeps the
// strongest positive and the strongest negative signal per category.
func (a *Analyzer) strongest(d *doc, hits []hit, framed []bool, titleFramed bool) [catCount][2]firedSignal {
	var best [catCount][2]firedSignal
	for _, h := range hits {
		info := categories[h.group.cat]
		first := d.tokens[h.m.start]
		if h.group.cat == catCosmetic && namesCause(d.tokens, h.m.start) {
			// "since the theme update": a cause, not what is wrong
			continue
		}
		if h.group.cat == catWorkaround && worksForOthers(d.tokens, h.m.start+len(h.m.phrase.words)) {
			// "still works for the two admins": who is spared, not a way round
			continue
		}
		s := firedSignal{cat: h.group.cat, phrase: h.m.phrase.text, weight: h.group.weight, title: first.title}
		if info.negatable && a.negated(d.tokens, h.m.start) {
			s.negated = true
			s.weight = h.group.negated
		}
		if h.group.evidence && first.machine {
			// an attack a log recorded is under way (docs/triage.md)
			s.weight = criticalAt
		}
		if s.title {
			s.weight *= titleFactor
		}
		// evidence in a log is what a program received, never asked or
		// wished; typed in prose it may be a sample ("is <script> safe?")
		if s.weight > 0 && !info.framing && !(h.group.evidence && first.machine) {
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
		switch {
		case s.weight > best[slot][0].weight:
			best[slot][0] = s
		case s.weight < best[slot][1].weight:
			best[slot][1] = s
		}
	}
	return best
}

// tally adds up the strongest signals into a level: the impact first,
// then the tone within the bounds levelWithTone sets. A wide scope or a
// deadline counts fully only when something is wrong: "everyone would love
// dark mode" is no incident.
func tally(best [catCount][2]firedSignal) priorityResult {
	problem := false
	for _, pair := range best {
		problem = problem || pair[0].weight > 0 && categories[pair[0].cat].problem
	}
	if !problem {
		best[catScopeWide][0] = firedSignal{}
		best[catScopeTeam][0] = firedSignal{}
		best[catAudience][0] = firedSignal{}
		best[catDeadline][0].weight /= 2
	}
	if best[catSecurity][0].weight <= 0 {
		// "attempts", "login failed" temper a security risk; without one
		// they tell nothing about security
		best[catSecurity][1] = firedSignal{}
	}
	if best[catAudience][0].weight > 0 && best[catScopeWide][0].weight <= 0 && best[catPayment][0].money {
		// money shown wrong to the customers is wrong for everyone who pays
		best[catScopeWide][0], best[catAudience][0] = best[catAudience][0], firedSignal{}
		best[catScopeWide][0].cat = catScopeWide
	}
	if best[catScopeWide][0].weight > 0 {
		// everyone includes the team and the users
		best[catScopeTeam][0] = firedSignal{}
		best[catAudience][0] = firedSignal{}
	}
	var r priorityResult
	var impact, tone float64
	severe, calm := false, false
	for _, pair := range best { // in category order: float sums stay deterministic
		for _, s := range pair {
			if s.weight == 0 {
				continue
			}
			info := categories[s.cat]
			if info.tone {
				tone += s.weight
			} else {
				impact += s.weight
			}
			r.signals = append(r.signals, s)
			severe = severe || s.weight > 0 && info.severe
			calm = calm || s.cat == catCalm || s.cat == catUrgency && s.negated
		}
	}
	slices.SortFunc(r.signals, func(x, y firedSignal) int {
		if c := cmp.Compare(math.Abs(y.weight), math.Abs(x.weight)); c != 0 {
			return c
		}
		return cmp.Compare(x.cat, y.cat)
	})
	r.score = impact + tone
	r.impactLevel = priorityLevel(impact, severe)
	if r.impactLevel == ticket.PriorityHigh && everyoneStopped(best) {
		r.impactLevel = ticket.PriorityCritical
	}
	if cosmeticOnly(best) {
		r.impactLevel = ticket.PriorityLow
	}
	r.level = levelWithTone(r.impactLevel, r.score, severe, calm, problem, best[catCosmetic][1].weight < 0)
	return r
}

// everyoneStopped is the rule of docs/triage.md that needs no score:
// everyone (or the customers) affected, a main function failing, and no
// workaround stated.
func everyoneStopped(best [catCount][2]firedSignal) bool {
	if best[catScopeWide][0].weight <= 0 || best[catWorkaround][1].weight < 0 || best[catScopeNarrow][1].weight < 0 {
		return false
	}
	for _, c := range []category{catOutage, catCrash, catAccess, catBlocked, catPayment} {
		if best[c][0].weight >= 3 && !best[c][0].negated {
			return true
		}
	}
	return false
}

// cosmeticOnly: what is wrong is how something looks, and nothing states
// more ("the button colour is wrong" is cosmetic, not a breakage).
func cosmeticOnly(best [catCount][2]firedSignal) bool {
	if best[catCosmetic][1].weight >= 0 {
		return false
	}
	for c, pair := range best {
		info := categories[category(c)]
		if pair[0].weight >= 3 && (info.problem || info.severe) {
			return false
		}
	}
	return true
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

// causeWords introduce what a problem started with: "since the theme
// update", "after the logo change".
var causeWords = map[string]bool{"since": true, "after": true, "following": true}

// namesCause reports whether tokens[at] is in a phrase naming a cause.
func namesCause(toks []token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-3 && toks[k].clause == toks[at].clause; k-- {
		if causeWords[toks[k].word] {
			return true
		}
	}
	return false
}

// worksForOthers reports whether a workaround phrase ending before
// tokens[end] goes on with whom it works for: "works for the two admins"
// but not "works for now".
func worksForOthers(toks []token, end int) bool {
	if end+1 >= len(toks) || toks[end].raw != "for" || toks[end].clause != toks[end-1].clause {
		return false
	}
	switch toks[end+1].raw {
	case "now", "the", "a", "some", "an":
		// "for the time being", "for a while", "for some reason"; "for
		// the admins" is told by the word after
		if toks[end+1].raw == "the" && end+2 < len(toks) && !timeWords[toks[end+2].raw] {
			return true
		}
		return false
	}
	return true
}

// timeWords end "for the ...": "for the moment", "for the time being".
var timeWords = map[string]bool{"moment": true, "time": true, "meantime": true, "day": true, "weekend": true, "rest": true}

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
