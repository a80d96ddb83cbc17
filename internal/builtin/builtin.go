// Package builtin is the local, deterministic analyzer used without a
// Gemini key and as Gemini's fallback: weighted phrase signals for the
// priority, a vocabulary of support areas for the skills, templates for
// the notes. It reads the ticket as data only and never calls the network.
package builtin

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"helpdesk/internal/analysis"
)

// Analyzer is the builtin analyzer. The zero value is not usable; use New.
// It is safe for concurrent use: Analyze only reads what New compiled,
// apart from a concurrent cache of the moderators' compiled skills.
type Analyzer struct {
	signalMatcher *matcher
	skillMatcher  *matcher
	// vocabByName finds a vocabulary index by the whole-term key of a name
	// or alias (formKey): "Postgres" is postgresql, "accounting" is nothing.
	vocabByName map[string]int
	// team are the skills a synonyms file defines, by name; teamNames
	// lists them sorted, so that results do not depend on map order.
	team      map[string]teamSkill
	teamNames []string
	// synonyms matches the synonyms file's phrases of vocabulary skills;
	// nil without any.
	synonyms *matcher
	// teamCache holds the compiled moderators' skills by name: their lists
	// repeat on every ticket. teamCached counts the entries stored.
	teamCache  sync.Map
	teamCached atomic.Int64
	// parents holds, per vocabulary index, the indexes of its parents.
	parents [][]int
	// implied holds, per signal category, the vocabulary indexes an
	// incident of that kind concerns.
	implied  map[category][]int
	negators map[string]bool
	// scopeNouns are the stemmed scopeNouns.
	scopeNouns map[string]bool
	// model returns the learned weights that choose the priority from the
	// rules' reading and add the skills the words point at (model.go); nil
	// while training. The embedded model is decoded on first use (about
	// 0.1 s), so commands that never analyse do not pay for it.
	model func() (*learned, error)
}

// negationWords deny what follows them. "cannot" and "unable" are absent on
// purpose: they report a problem ("cannot log in"), they do not deny one.
var negationWords = []string{
	"not", "no", "never", "nothing", "none", "without", "isn't", "aren't", "wasn't", "weren't", "don't",
	"doesn't", "didn't", "hasn't", "haven't", "hadn't", "won't", "nor", "neither", "zero", "nobody",
}

// New compiles the builtin vocabularies into an analyzer.
func New() *Analyzer {
	a, err := NewWithOptions(Options{})
	if err != nil {
		panic(err) // the builtin vocabulary is checked by the tests
	}
	return a
}

// NewWithOptions compiles the vocabularies, extended by o, into an
// analyzer. It fails on a synonyms entry without a name or words.
func NewWithOptions(o Options) (*Analyzer, error) {
	a, err := compileRules(o)
	if err != nil {
		return nil, err
	}
	a.model = builtinModel
	if o.Model != nil {
		m, err := loadModel(o.Model)
		if err != nil {
			return nil, err
		}
		a.model = func() (*learned, error) { return m, nil }
	}
	return a, nil
}

// compileRules compiles the vocabularies and signals: an analyzer whose
// priority is the rules' alone, as the model's training reads them.
func compileRules(o Options) (*Analyzer, error) {
	a := &Analyzer{vocabByName: map[string]int{}, negators: map[string]bool{}, scopeNouns: map[string]bool{}}

	sb := newMatcherBuilder()
	for i, g := range signalGroups {
		for _, p := range g.phrases {
			sb.add(p, i)
		}
	}
	a.signalMatcher = sb.build()

	kb := newMatcherBuilder()
	index := map[string]int{}
	for i, s := range vocabulary {
		index[s.name] = i
		for _, p := range s.phrases {
			kb.add(p, i)
		}
	}
	for i, s := range vocabulary {
		for _, n := range append([]string{s.name}, s.aliases...) {
			key := formKey(n)
			if _, taken := a.vocabByName[key]; !taken {
				a.vocabByName[key] = i
			}
		}
		var ps []int
		for _, p := range s.parents {
			j, ok := index[p]
			if !ok {
				panic("builtin: skill " + s.name + " has unknown parent " + p)
			}
			ps = append(ps, j)
		}
		a.parents = append(a.parents, ps)
	}
	a.implied = map[category][]int{}
	for cat, names := range impliedSkills {
		for _, n := range names {
			j, ok := index[n]
			if !ok {
				panic("builtin: unknown implied skill " + n)
			}
			a.implied[cat] = append(a.implied[cat], j)
		}
	}
	for _, w := range scopeNouns {
		a.scopeNouns[stem(w)] = true
	}
	for _, w := range negationWords {
		for _, t := range phraseWords(w) {
			a.negators[t] = true
		}
	}
	team, err := a.compileSynonyms(kb, o.Synonyms)
	if err != nil {
		return nil, err
	}
	a.team = team
	for name := range team {
		a.teamNames = append(a.teamNames, name)
	}
	slices.Sort(a.teamNames)
	a.skillMatcher = kb.build()
	return a, nil
}

// Name implements analysis.Analyzer.
func (a *Analyzer) Name() string { return "builtin" }

// Analyze implements analysis.Analyzer. It fails only when ctx is done.
func (a *Analyzer) Analyze(ctx context.Context, in analysis.Input) (analysis.Result, error) {
	if err := ctx.Err(); err != nil {
		return analysis.Result{}, err
	}
	var m *learned
	if a.model != nil {
		var err error
		if m, err = a.model(); err != nil {
			return analysis.Result{}, err
		}
	}
	d := parse(in.Title, in.Description)
	prio := a.assessPriority(d, m)
	scored := a.detectSkills(d, prio, in.KnownSkills, m)
	area := areaOf(prio, scored)
	return analysis.Result{
		Priority:      prio.level,
		Summary:       summarize(area, in.Title, in.Description),
		HelpfulNotes:  notes(prio, scored),
		RelatedSkills: topSkills(scored),
		ResourceLinks: links(in.Title+"\n"+in.Description, scored),
	}, nil
}
