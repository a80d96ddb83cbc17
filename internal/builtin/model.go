package builtin

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"helpdesk/internal/ticket"
)

// The priority and the skills are finished by small linear models learned
// from the labelled corpus in testdata (docs/triage.md, "Learned
// weights"). The priority model's inputs are the impact parts the rules
// read (who, what, workaround, exposure, deadline, tone) and the prose
// words; the rules weigh each part by hand, the model combines them the
// way the labels of many writers do. The skill model adds to the
// vocabulary's matches the skills the words point at without naming them
// ("the button does nothing" is frontend). Regenerate after changing the
// rules or the corpus:
//
//go:generate go run ./trainmodel
//go:embed model.json
var modelJSON []byte

// classes is the number of priority levels (ticket.Priorities, low first).
const classes = 4

// model is the file the trainer writes.
type model struct {
	Levels   []string                    `json:"levels"`
	Priority map[string][classes]float64 `json:"priority"`
	// Skills are the vocabulary skills the skill model scores; SkillWeights
	// holds per feature the weight of each skill it moves.
	Skills       []string                      `json:"skills"`
	SkillWeights map[string]map[string]float64 `json:"skill_weights"`
}

// learned is a model ready for use: skill weights by vocabulary index.
type learned struct {
	priority map[string][classes]float64
	skills   map[string][]skillWeight
}

type skillWeight struct {
	vocab  int
	weight float64
}

// builtinModel is the embedded model, decoded once.
var builtinModel = sync.OnceValues(func() (*learned, error) { return loadModel(modelJSON) })

// loadModel decodes a model and checks it against the vocabulary and the
// ticket's priorities.
func loadModel(raw []byte) (*learned, error) {
	var m model
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("builtin: model: %w", err)
	}
	if !slices.Equal(m.Levels, ticket.Priorities) {
		return nil, fmt.Errorf("builtin: model levels %v, want %v", m.Levels, ticket.Priorities)
	}
	l := &learned{priority: m.Priority, skills: make(map[string][]skillWeight, len(m.SkillWeights))}
	for key, ws := range m.SkillWeights {
		for name, w := range ws {
			i := vocabIndex(name)
			if i < 0 {
				return nil, fmt.Errorf("builtin: model skill %q is not in the vocabulary", name)
			}
			l.skills[key] = append(l.skills[key], skillWeight{i, w})
		}
		// map order must not change float sums
		slices.SortFunc(l.skills[key], func(x, y skillWeight) int { return x.vocab - y.vocab })
	}
	return l, nil
}

// vocabIndex is the index of the vocabulary skill named name, or -1.
func vocabIndex(name string) int {
	return slices.IndexFunc(vocabulary, func(s skillDef) bool { return s.name == name })
}

// feature is one input of a model.
type feature struct {
	key   string
	value float64
}

// Feature keys: a prefix and a label or word.
const (
	keySignal   = "s:" // a category's strongest signal, by its label
	keyDenial   = "n:" // a category's strongest lowering signal (cosmetic, "not down")
	keyNegated  = "x:" // the strongest signal was negated
	keyPair     = "p:" // two signals found together
	keyRules    = "r:" // the level the rules give
	keyImpact   = "i:" // the level the stated impact gives
	keyWord     = "w:" // a prose word (stem)
	keyTitle    = "t:" // a title word
	keyBigram   = "b:" // two prose words in a row, in one clause
	keyMachine  = "m:" // a word of machine text (skills only)
	keyVocab    = "v:" // the vocabulary's score of a skill (skills only)
	keyBias     = "bias"
	signalScale = 5 // signal weights are about 1..12; the model sees them near 1
)

// priorityFeatures lists the priority features of a parsed ticket, sorted
// by key, each once: the rules' signals as their weights, the rules'
// levels, pairs of signals, and the presence of prose words and word pairs
// (machine text adds none: a log's "ERROR" is what a program printed).
func priorityFeatures(d *doc, r priorityResult, best *[catCount][2]firedSignal) []feature {
	set := make(map[string]float64, 32)
	for c, pair := range best {
		label := categories[category(c)].label
		if label == "" {
			continue
		}
		if pair[0].weight != 0 {
			set[keySignal+label] = pair[0].weight / signalScale
			if pair[0].negated {
				set[keyNegated+label] = 1
			}
		}
		if pair[1].weight != 0 {
			set[keyDenial+label] = pair[1].weight / signalScale
		}
	}
	set[keyRules+r.level] = 1
	set[keyImpact+r.impactLevel] = 1
	addPairs(set, best)
	prose := make([]feature, 0, len(d.wordFeatures()))
	for _, f := range d.wordFeatures() {
		if !strings.HasPrefix(f.key, keyMachine) {
			prose = append(prose, f)
		}
	}
	return merge(sorted(set), prose)
}

// addPairs adds a feature per two signals found together: the impact
// rules weigh the parts jointly (everyone and a main function, a main
// function and no workaround), which a sum of single weights cannot.
func addPairs(set map[string]float64, best *[catCount][2]firedSignal) {
	var found []string
	for c, pair := range best {
		label := categories[category(c)].label
		switch {
		case label == "":
		case pair[0].weight > 0 && !pair[0].negated:
			found = append(found, "+"+label)
		case pair[1].weight < 0:
			found = append(found, "-"+label)
		}
	}
	for i, x := range found {
		for _, y := range found[i+1:] {
			set[keyPair+x+" & "+y] = 1
		}
	}
}

// skillFeatures lists what the skill model reads: the vocabulary's score
// of each skill (scaled to at most 1), prose words and pairs, title words,
// and machine words (an exception names its platform). From the scores it
// learns how far each vocabulary match is to be trusted.
func skillFeatures(d *doc, vocab []float64) []feature {
	var scores []feature
	for i, s := range vocab {
		if s > 0 {
			scores = append(scores, feature{keyVocab + vocabulary[i].name, min(s, vocabScoreCap) / vocabScoreCap})
		}
	}
	slices.SortFunc(scores, func(x, y feature) int { return strings.Compare(x.key, y.key) })
	return merge(scores, d.wordFeatures())
}

// vocabScoreCap is where repeated mentions stop adding (detectSkills).
const vocabScoreCap = 6

// wordFeatures returns the bias and the word features of d, sorted by key,
// each once: prose words, title words, pairs of adjacent prose words in
// one clause, and machine words. Both models read them; they are listed
// once per ticket.
func (d *doc) wordFeatures() []feature {
	if d.words != nil {
		return d.words
	}
	keys := make([]string, 0, len(d.tokens)*3+1)
	keys = append(keys, keyBias)
	prev := -1
	for i, t := range d.tokens {
		if t.word == "" {
			prev = -1
			continue
		}
		if t.machine {
			keys = append(keys, keyMachine+t.word)
			prev = -1
			continue
		}
		keys = append(keys, keyWord+t.word)
		if t.title {
			keys = append(keys, keyTitle+t.word)
		}
		if prev >= 0 && d.tokens[prev].clause == t.clause {
			keys = append(keys, keyBigram+d.tokens[prev].word+" "+t.word)
		}
		prev = i
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	d.words = make([]feature, len(keys))
	for i, k := range keys {
		d.words[i] = feature{k, 1}
	}
	return d.words
}

// merge merges two lists sorted by key into one.
func merge(a, b []feature) []feature {
	out := make([]feature, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].key <= b[0].key {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func sorted(set map[string]float64) []feature {
	out := make([]feature, 0, len(set))
	for k, v := range set {
		out = append(out, feature{k, v})
	}
	slices.SortFunc(out, func(x, y feature) int { return strings.Compare(x.key, y.key) })
	return out
}

// priorityScores are the model's log-odds per level; features it has no
// weight for count nothing.
func (l *learned) priorityScores(fs []feature) [classes]float64 {
	var s [classes]float64
	for _, f := range fs {
		w, ok := l.priority[f.key]
		if !ok {
			continue
		}
		for c := range s {
			s[c] += w[c] * f.value
		}
	}
	return s
}

// skillProbabilities returns, per vocabulary index, the probability the
// skill model gives it; skills it does not score are 0.
func (l *learned) skillProbabilities(fs []feature) []float64 {
	z := make([]float64, len(vocabulary))
	scored := make([]bool, len(vocabulary))
	for _, f := range fs {
		for _, sw := range l.skills[f.key] {
			z[sw.vocab] += sw.weight * f.value
			scored[sw.vocab] = true
		}
	}
	for i := range z {
		if scored[i] {
			z[i] = 1 / (1 + math.Exp(-z[i]))
		}
	}
	return z
}

// Choosing a level two or more away from the right one costs farUnder
// (too low) or farOver (too high), against 1 for a neighbour: a critical
// ticket rated medium loses a team's trust more than a low one rated high,
// and both more than two tickets rated one level off. Chosen by
// cross-validation (docs/triage.md): 6 kept four more far misses, 10
// rated the noise of a pasted log critical.
const (
	farUnder = 8
	farOver  = 3
)

// decide returns the level with the least expected cost under the model's
// probabilities: the most likely level, unless a far miss is likely enough
// to make a level nearer to it safer.
func decide(s [classes]float64) int {
	p := softmax(s)
	best, bestCost := 0, math.Inf(1)
	for c := range classes {
		var cost float64
		for truth, pt := range p {
			switch d := truth - c; {
			case d == 1 || d == -1:
				cost += pt
			case d >= 2:
				cost += pt * farUnder
			case d <= -2:
				cost += pt * farOver
			}
		}
		if cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best
}

// reason is one feature that moved the priority model towards its level.
type reason struct {
	key  string
	pull float64
}

// reasons lists the features that pulled hardest towards level c (its
// weight above the mean of the levels), strongest first. The rules' levels
// are left out: the impact line already shows them.
func (l *learned) reasons(fs []feature, c, n int) []reason {
	var out []reason
	for _, f := range fs {
		w, ok := l.priority[f.key]
		if !ok || f.key == keyBias || strings.HasPrefix(f.key, keyRules) || strings.HasPrefix(f.key, keyImpact) {
			continue
		}
		mean := (w[0] + w[1] + w[2] + w[3]) / classes
		if pull := (w[c] - mean) * f.value; pull > 0.05 {
			out = append(out, reason{f.key, pull})
		}
	}
	slices.SortFunc(out, func(x, y reason) int {
		return cmp.Or(cmp.Compare(y.pull, x.pull), strings.Compare(x.key, y.key))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// describe renders a feature key for the staff notes. Only keys of the
// model reach it: words the corpus taught it, never the ticket's text as
// such (the notes quote no ticket Markdown or links).
func describe(key string) string {
	prefix, rest, _ := strings.Cut(key, ":")
	switch prefix + ":" {
	case keySignal:
		return rest
	case keyDenial:
		return rest + " (lowering)"
	case keyNegated:
		return rest + " negated"
	case keyTitle:
		return fmt.Sprintf("%q in the title", rest)
	case keyPair:
		return strings.NewReplacer("+", "", "-", "").Replace(rest)
	}
	return fmt.Sprintf("%q", rest)
}

// softmax turns scores into probabilities.
func softmax(s [classes]float64) [classes]float64 {
	mx := slices.Max(s[:])
	var p [classes]float64
	var z float64
	for c := range s {
		p[c] = math.Exp(s[c] - mx)
		z += p[c]
	}
	for c := range p {
		p[c] /= z
	}
	return p
}
