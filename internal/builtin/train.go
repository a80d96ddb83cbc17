package builtin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"helpdesk/internal/ticket"
)

// TrainingSets are the labelled files, relative to this package, the
// model learns from. The held-out sets (testdata/tickets_heldout*.json)
// are never among them: they measure how the model generalises.
var TrainingSets = []string{
	"testdata/tickets.json",
	"testdata/tickets_second_round.json",
	"testdata/tickets_third_round.json",
	"testdata/tickets_fourth_round.json",
	"testdata/tickets_fifth_round.json",
	"testdata/tickets_round6_saas.json",
	"testdata/tickets_round6_office.json",
	"testdata/tickets_round6_retail.json",
	"testdata/tickets_round6_engineering.json",
	"testdata/tickets_round6_mixed.json",
	"testdata/tickets_round7_operations.json",
	"testdata/tickets_round7_finance.json",
	"testdata/tickets_round7_media.json",
	"testdata/tickets_round7_forms.json",
	"testdata/tickets_round8_public.json",
	"testdata/tickets_round8_smallbiz.json",
	"testdata/tickets_round8_boundaries.json",
	"testdata/tickets_round8_startup.json",
	"testdata/tickets_round9_exposure.json",
	"testdata/tickets_round9_framing.json",
	"testdata/tickets_round10_consumer.json",
	"testdata/tickets_round10_nonnative.json",
	"testdata/tickets_round10_itops.json",
	"testdata/tickets_round10_threads.json",
	"testdata/tickets_round11_integrations.json",
	"testdata/tickets_round11_access.json",
	"testdata/tickets_round11_devices.json",
	"testdata/tickets_round11_web.json",
}

// LoadLabelled reads labelled ticket files, each a JSON array of Labelled.
func LoadLabelled(paths ...string) ([]Labelled, error) {
	var out []Labelled
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var set []Labelled
		if err := json.Unmarshal(raw, &set); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, set...)
	}
	return out, nil
}

// Labelled is one ticket with the priority and skills a support lead gave
// it by the impact rules of docs/triage.md.
type Labelled struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Priority    string   `json:"priority"`
	Skills      []string `json:"skills"`
}

// Training settings. The L2 penalty keeps rare words from deciding alone;
// words seen in fewer than minWordCount tickets are left out, and so are
// skills labelled fewer than minSkillCount times.
const (
	priorityLambda = 0.001
	skillLambda    = 0.001
	priorityPasses = 1000
	skillPasses    = 300
	trainRate      = 0.5
	minWordCount   = 2
	minSkillCount  = 3
	// weights smaller than this are dropped from the file: they change no
	// ranking and would double its size
	minSkillWeight = 0.05
)

// TrainModel learns the priority and skill models from labelled tickets
// and returns the JSON that model.json holds. Both are logistic
// regressions trained by full-batch AdaGrad: deterministic for one input.
func TrainModel(tickets []Labelled) ([]byte, error) {
	a, err := compileRules(Options{})
	if err != nil {
		return nil, err
	}
	var skillNames []string
	skillCount := map[string]int{}
	prio := make([][]feature, len(tickets))
	words := make([][]feature, len(tickets))
	for i, t := range tickets {
		if level(t.Priority) < 0 {
			return nil, fmt.Errorf("ticket %q: unknown priority %q", t.Title, t.Priority)
		}
		// the rules read the ticket once for both models
		d := parse(t.Title, t.Description)
		best := a.bestSignals(d)
		r := tally(best)
		r.ruleLevel = r.level
		prio[i] = priorityFeatures(d, r, &best)
		vocab, _ := a.vocabScores(d, r)
		words[i] = skillFeatures(d, vocab)
		for _, s := range t.Skills {
			if skillCount[s] == 0 && vocabIndex(s) < 0 {
				return nil, fmt.Errorf("ticket %q: skill %q is not in the vocabulary", t.Title, s)
			}
			skillCount[s]++
		}
	}
	for s, n := range skillCount {
		if n >= minSkillCount {
			skillNames = append(skillNames, s)
		}
	}
	sort.Strings(skillNames)

	m := model{Levels: slices.Clone(ticket.Priorities), Priority: map[string][classes]float64{}, Skills: skillNames, SkillWeights: map[string]map[string]float64{}}

	keys, xs := design(prio)
	w := fit(xs, classes, priorityPasses, priorityLambda, func(i int, s, r []float64) {
		var a [classes]float64
		copy(a[:], s)
		p := softmax(a)
		copy(r, p[:])
		r[level(tickets[i].Priority)]--
	})
	for j, k := range keys {
		var v [classes]float64
		for c := range v {
			v[c] = round4(w[j][c])
		}
		if v != ([classes]float64{}) {
			m.Priority[k] = v
		}
	}

	keys, xs = design(words)
	w = fit(xs, len(skillNames), skillPasses, skillLambda, func(i int, s, r []float64) {
		for k, name := range skillNames {
			r[k] = 1 / (1 + math.Exp(-s[k]))
			if slices.Contains(tickets[i].Skills, name) {
				r[k]--
			}
		}
	})
	for j, k := range keys {
		for c, name := range skillNames {
			if v := round4(w[j][c]); math.Abs(v) >= minSkillWeight || k == keyBias {
				if m.SkillWeights[k] == nil {
					m.SkillWeights[k] = map[string]float64{}
				}
				m.SkillWeights[k][name] = v
			}
		}
	}
	return m.encode()
}

// encode writes the model as JSON with one feature a line, so that a
// retrained model reads as a diff of the features that changed.
func (m *model) encode() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\n")
	err := errors.Join(
		writeLine(&b, "levels", m.Levels, ","),
		writeLine(&b, "skills", m.Skills, ","),
		writeSection(&b, "priority", m.Priority, ","),
		writeSection(&b, "skill_weights", m.SkillWeights, ""),
	)
	b.WriteString("}\n")
	return b.Bytes(), err
}

// writeSection writes an object of entries, one a line, sorted by key.
func writeSection[V any](b *bytes.Buffer, name string, entries map[string]V, end string) error {
	b.WriteString(" \"" + name + "\": {\n")
	keys := slices.Sorted(maps.Keys(entries))
	for i, k := range keys {
		sep := ","
		if i == len(keys)-1 {
			sep = ""
		}
		if err := writeLine(b, k, entries[k], sep); err != nil {
			return err
		}
	}
	b.WriteString(" }" + end + "\n")
	return nil
}

// writeLine writes one "key": value pair and end on a line of its own.
func writeLine(b *bytes.Buffer, key string, v any, end string) error {
	kj, err := json.Marshal(key)
	if err != nil {
		return err
	}
	vj, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b.WriteString("  ")
	b.Write(kj)
	b.WriteString(": ")
	b.Write(vj)
	b.WriteString(end + "\n")
	return nil
}

// round4 keeps four decimals: the file stays small and reads the same on
// every platform.
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// sparse is one ticket's features as column indexes and values.
type sparse struct {
	idx []int
	val []float64
}

// design numbers the features (words seen in fewer than minWordCount
// tickets left out) and returns their keys and the tickets as rows.
func design(rows [][]feature) ([]string, []sparse) {
	count := map[string]int{}
	for _, fs := range rows {
		for _, f := range fs {
			count[f.key]++
		}
	}
	var keys []string
	for k, n := range count {
		if n >= minWordCount || !isWordKey(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	index := make(map[string]int, len(keys))
	for i, k := range keys {
		index[k] = i
	}
	xs := make([]sparse, len(rows))
	for i, fs := range rows {
		for _, f := range fs {
			if j, ok := index[f.key]; ok {
				xs[i].idx = append(xs[i].idx, j)
				xs[i].val = append(xs[i].val, f.value)
			}
		}
	}
	return keys, xs
}

// trainChunks is how many parts the rows are split into for the gradient,
// each summed by its own goroutine. The number is fixed, so the sums, and
// the model, are the same on any number of cores.
const trainChunks = 4

// fit learns one weight per feature and output by full-batch AdaGrad with
// an L2 penalty. residual writes, for row i and its scores s, the
// gradient of the loss with respect to the scores into r; it is called
// from several goroutines.
func fit(xs []sparse, outputs, passes int, lambda float64, residual func(i int, s, r []float64)) [][]float64 {
	features := 0
	for _, x := range xs {
		for _, j := range x.idx {
			features = max(features, j+1)
		}
	}
	w := make([]float64, features*outputs)
	g2 := make([]float64, len(w))
	grads := make([][]float64, trainChunks)
	for k := range grads {
		grads[k] = make([]float64, len(w))
	}
	size := (len(xs) + trainChunks - 1) / trainChunks
	n := float64(len(xs))
	var wg sync.WaitGroup
	for range passes {
		for k, grad := range grads {
			lo, hi := min(k*size, len(xs)), min((k+1)*size, len(xs))
			wg.Go(func() {
				clear(grad)
				s, r := make([]float64, outputs), make([]float64, outputs)
				for i := lo; i < hi; i++ {
					x := xs[i]
					clear(s)
					for m, j := range x.idx {
						v := x.val[m]
						for c, wc := range w[j*outputs : (j+1)*outputs] {
							s[c] += wc * v
						}
					}
					residual(i, s, r)
					for m, j := range x.idx {
						v, row := x.val[m], grad[j*outputs:(j+1)*outputs]
						for c, rc := range r {
							row[c] += rc * v
						}
					}
				}
			})
		}
		wg.Wait()
		for i := range w {
			var sum float64
			for _, grad := range grads {
				sum += grad[i]
			}
			g := sum/n + lambda*w[i]
			g2[i] += g * g
			w[i] -= trainRate * g / (math.Sqrt(g2[i]) + 1e-8)
		}
	}
	out := make([][]float64, features)
	for j := range out {
		out[j] = w[j*outputs : (j+1)*outputs]
	}
	return out
}

func isWordKey(k string) bool {
	for _, p := range []string{keyWord, keyTitle, keyBigram, keyMachine} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}
