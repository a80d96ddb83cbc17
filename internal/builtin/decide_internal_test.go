package builtin

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDecideCV(t *testing.T) {
	var all []Labelled
	for _, p := range TrainingSets {
		raw, _ := os.ReadFile(p)
		var s []Labelled
		json.Unmarshal(raw, &s)
		all = append(all, s...)
	}
	rules, _ := compileRules(Options{})
	type row struct {
		p           [classes]float64
		want        int
		rule, imp   int
		title, desc string
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
			best := rules.bestSignals(d)
			r := tally(best)
			fs := priorityFeatures(d, r, &best)
			rows = append(rows, row{softmax(m.priorityScores(fs)), level(tk.Priority), level(r.level), level(r.impactLevel), tk.Title, tk.Description})
		}
	}
	asym := func(under, over float64) func(p [classes]float64, r row) int {
		return func(p [classes]float64, r row) int {
			bc, bi := 1e9, 0
			for c := range classes {
				var e float64
				for tr := range classes {
					d := tr - c
					v := 0.0
					switch {
					case d == 1 || d == -1:
						v = 1
					case d >= 2:
						v = under
					case d <= -2:
						v = over
					}
					e += p[tr] * v
				}
				if e < bc-1e-12 {
					bc, bi = e, c
				}
			}
			return bi
		}
	}
	cost := func(pen float64) func(p [classes]float64, r row) int {
		return func(p [classes]float64, r row) int {
			bc, bi := 1e9, 0
			for c := range classes {
				var e float64
				for tr := range classes {
					d := tr - c
					if d < 0 {
						d = -d
					}
					v := 0.0
					switch {
					case d == 1:
						v = 1
					case d >= 2:
						v = pen
					}
					e += p[tr] * v
				}
				if e < bc-1e-12 {
					bc, bi = e, c
				}
			}
			return bi
		}
	}
	variants := map[string]func(p [classes]float64, r row) int{
		"argmax": func(p [classes]float64, r row) int { return cost(1)(p, r) },
		"median": func(p [classes]float64, r row) int {
			cum := 0.0
			for c := range classes {
				cum += p[c]
				if cum >= 0.5 {
					return c
				}
			}
			return 3
		},
		"cost2": cost(2),
		"a4_2":  asym(4, 2),
		"a5_2":  asym(5, 2),
		"a6_3":  asym(6, 3),
		"a8_2":  asym(8, 2),
		"cost3": cost(3),
		"cost5": cost(5),
		"guardcrit": func(p [classes]float64, r row) int {
			c := cost(1)(p, r)
			if r.imp == 3 && c < 2 {
				return 2
			}
			return c
		},
	}
	for _, name := range []string{"argmax", "cost3", "a4_2", "a5_2", "a6_3", "a8_2", "cost5"} {
		f := variants[name]
		ex, wi, sev := 0, 0, 0
		for _, r := range rows {
			c := f(r.p, r)
			d := c - r.want
			if d == 0 {
				ex++
			}
			if d >= -1 && d <= 1 {
				wi++
			}
			if r.want >= 2 && d <= -2 {
				sev++
				if name == "cost3" {
					t.Logf("SEVERE want %d got %d rules %d: %s | %.300s", r.want, c, r.rule, r.title, r.desc)
				}
			}
		}
		n := float64(len(rows))
		t.Log(fmt.Sprintf("%-10s exact %.1f within %.1f severe %d", name, 100*float64(ex)/n, 100*float64(wi)/n, sev))
	}
}
