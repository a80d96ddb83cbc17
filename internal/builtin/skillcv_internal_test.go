package builtin

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"testing"
)

func TestSkillCV(t *testing.T) {
	var all []Labelled
	for _, p := range TrainingSets {
		raw, _ := os.ReadFile(p)
		var s []Labelled
		json.Unmarshal(raw, &s)
		all = append(all, s...)
	}
	rules, _ := compileRules(Options{})
	type row struct {
		vocab map[int]float64
		probs []float64
		want  []string
	}
	var rows []row
	for k := range 5 {
		var train, test []Labelled
		for i, tk := range all {
			if i%5 == k {
				test = append(test, tk)
			} else {
				train = append(train, tk)
			}
		}
		raw, err := TrainModel(train)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := loadModel(raw)
		for _, tk := range test {
			d := parse(tk.Title, tk.Description)
			p := rules.assessPriority(d)
			sc := rules.detectSkills(d, p, nil)
			v := map[int]float64{}
			for _, s := range sc {
				v[s.vocab] = s.score
			}
			rows = append(rows, row{v, m.skillProbabilities(skillFeatures(d, rules.vocabScores(d, p))), tk.Skills})
		}
	}
	for _, K := range []float64{20} {
		for _, floor := range []float64{0.02} {
			hit, total, per := 0, 0, 0
			missed := map[string]int{}
			defer func() {
				type mc struct {
					k string
					n int
				}
				var ms []mc
				for k, n := range missed {
					ms = append(ms, mc{k, n})
				}
				sort.Slice(ms, func(a, b int) bool { return ms[a].n > ms[b].n })
				t.Log(ms[:20])
			}()
			for _, r := range rows {
				type kv struct {
					i int
					v float64
				}
				var l []kv
				for i := range vocabulary {
					s := r.vocab[i]
					if s == 0 && r.probs[i] <= floor {
						continue
					}
					l = append(l, kv{i, s + K*r.probs[i]})
				}
				sort.SliceStable(l, func(a, b int) bool {
					if l[a].v != l[b].v {
						return l[a].v > l[b].v
					}
					return l[a].i < l[b].i
				})
				if len(l) > 4 {
					l = l[:4]
				}
				per += len(l)
				for _, w := range r.want {
					total++
					if slices.ContainsFunc(l, func(e kv) bool { return vocabulary[e.i].name == w }) {
						hit++
					} else {
						missed[w]++
					}
				}
			}
			t.Log(fmt.Sprintf("K=%g floor=%g recall %.3f per %.2f", K, floor, float64(hit)/float64(total), float64(per)/float64(len(rows))))
		}
	}
}
