package builtin_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"helpdesk/internal/analysis"
	"helpdesk/internal/builtin"
	"helpdesk/internal/ticket"
)

type labelledTicket = builtin.Labelled

func loadTickets(t testing.TB) []labelledTicket {
	t.Helper()
	return loadTicketFile(t, "testdata/tickets.json")
}

func loadTicketFile(t testing.TB, path string) []labelledTicket {
	t.Helper()
	out, err := builtin.LoadLabelled(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func level(p string) int { return slices.Index(ticket.Priorities, p) }

// evalSet is one labelled set and the floors it must keep: a little under
// the figures reached, so that a regression fails (docs/triage.md has the
// figures and the goals).
type evalSet struct {
	paths []string
	// heldOut sets are frozen: never in builtin.TrainingSets and never
	// used to choose a setting. Their misses are not logged, so that
	// nobody tunes on them by accident; only the figures are.
	heldOut bool
	minSize int
	floors  scores
}

// scores are the figures of one evaluation.
type scores struct {
	exact, within, recall float64
	// perTicket is the mean number of skills reported.
	perTicket float64
	// severeMisses counts critical or high tickets rated two levels low.
	severeMisses int
}

var evalSets = map[string]evalSet{
	// the training sets measure the fit, not how the model generalises
	"train": {
		paths:   builtin.TrainingSets,
		minSize: 3000,
		floors:  scores{exact: 0.97, within: 0.99, recall: 0.97, perTicket: 4, severeMisses: 2},
	},
	// heldout and heldout2 were written in earlier sessions with other
	// briefs, each frozen before a round of tuning of the rules.
	"heldout":  frozen("testdata/tickets_heldout.json", 100),
	"heldout2": frozen("testdata/tickets_heldout2.json", 100),
	// heldout3 and heldout4 were written with the sixth and seventh rounds
	// by other writers, frozen before the model learned from those rounds.
	"heldout3": frozen("testdata/tickets_heldout3.json", 150),
	"heldout4": frozen("testdata/tickets_heldout4.json", 150),
	// heldout5 and heldout6 were written as a managed-service provider's
	// week and as the staff and customers of one company, after the eighth
	// round had been learned.
	"heldout5": frozen("testdata/tickets_heldout5.json", 125),
	"heldout6": frozen("testdata/tickets_heldout6.json", 125),
	// heldout7 to heldout10 were written as the people of one organisation
	// each (a garden-centre chain, a scheduling-software vendor, a
	// university, an engineering consultancy), after the tenth round had
	// been learned.
	"heldout7":  frozen("testdata/tickets_heldout7.json", 125),
	"heldout8":  frozen("testdata/tickets_heldout8.json", 125),
	"heldout9":  frozen("testdata/tickets_heldout9.json", 125),
	"heldout10": frozen("testdata/tickets_heldout10.json", 125),
}

// frozen is a held-out set, never learned from and its misses never
// logged, with the goals as floors less a margin for a set of
// about a hundred tickets (a standard error of 3 to 4 points): exact 80 %
// less 8 points, within one level 97 % less 4, skill recall 0.90 less
// 0.05, at most 4 skills a ticket, at most 2 high or critical tickets rated
// two levels low.
func frozen(path string, size int) evalSet {
	return evalSet{paths: []string{path}, heldOut: true, minSize: size,
		floors: scores{exact: 0.72, within: 0.93, recall: 0.85, perTicket: 4, severeMisses: 2}}
}

// TestEvaluation measures the analyzer against the labelled sets: exact
// priority, priority within one level, recall of the labelled skills,
// skills per ticket and high or critical tickets rated two levels low.
func TestEvaluation(t *testing.T) {
	for _, name := range []string{"train", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10"} {
		set := evalSets[name]
		t.Run(name, func(t *testing.T) {
			var tickets []labelledTicket
			for _, p := range set.paths {
				tickets = append(tickets, loadTicketFile(t, p)...)
			}
			if len(tickets) < set.minSize {
				t.Fatalf("the %s set has %d tickets, want at least %d", name, len(tickets), set.minSize)
			}
			got := evaluate(t, tickets, !set.heldOut)
			t.Logf("%s, %d tickets: exact %.1f%%, within one level %.1f%%, skill recall %.3f, skills per ticket %.2f, high or critical two levels low %d",
				name, len(tickets), 100*got.exact, 100*got.within, got.recall, got.perTicket, got.severeMisses)
			f := set.floors
			if got.exact < f.exact || got.within < f.within || got.recall < f.recall || got.perTicket > f.perTicket || got.severeMisses > f.severeMisses {
				t.Errorf("%s fell below its floors %+v", name, f)
			}
		})
	}
}

// evaluate scores the analyzer on tickets; verbose logs each miss.
func evaluate(t *testing.T, tickets []labelledTicket, verbose bool) scores {
	return evaluateWith(t, builtin.New(), tickets, verbose)
}

// evaluateWith scores analyzer a on tickets.
func evaluateWith(t *testing.T, a *builtin.Analyzer, tickets []labelledTicket, verbose bool) scores {
	var s scores
	var exact, within, wanted, found, reported int
	// per skill: how often labelled, how often found (verbose only)
	perWanted, perFound := map[string]int{}, map[string]int{}
	for _, tk := range tickets {
		res, err := a.Analyze(context.Background(), analysis.Input{Title: tk.Title, Description: tk.Description})
		if err != nil {
			t.Fatal(err)
		}
		got, want := level(res.Priority), level(tk.Priority)
		if want < 0 {
			t.Fatalf("%q: bad label %q", tk.Title, tk.Priority)
		}
		reported += len(res.RelatedSkills)
		switch d := got - want; {
		case d == 0:
			exact++
			within++
		case d == 1 || d == -1:
			within++
			if verbose {
				t.Logf("off by one: %q: got %s, want %s", tk.Title, res.Priority, tk.Priority)
			}
		default:
			if d <= -2 && want >= level(ticket.PriorityHigh) {
				s.severeMisses++
			}
			if verbose {
				t.Logf("MISS: %q: got %s, want %s", tk.Title, res.Priority, tk.Priority)
			}
		}
		var missing []string
		for _, sk := range tk.Skills {
			wanted++
			perWanted[sk]++
			if slices.Contains(res.RelatedSkills, sk) {
				found++
				perFound[sk]++
			} else {
				missing = append(missing, sk)
			}
		}
		if verbose && len(missing) > 0 {
			t.Logf("skills of %q: got %v, missing %v", tk.Title, res.RelatedSkills, missing)
		}
	}
	if verbose {
		logSkillRecall(t, perWanted, perFound)
	}
	n := float64(len(tickets))
	s.exact, s.within = float64(exact)/n, float64(within)/n
	s.recall = float64(found) / float64(wanted)
	s.perTicket = float64(reported) / n
	return s
}

// logSkillRecall logs the recall of each labelled skill, the most missed
// first: where vocabulary work pays most.
func logSkillRecall(t *testing.T, wanted, found map[string]int) {
	names := make([]string, 0, len(wanted))
	for k := range wanted {
		names = append(names, k)
	}
	missed := func(k string) int { return wanted[k] - found[k] }
	slices.SortFunc(names, func(x, y string) int {
		if d := missed(y) - missed(x); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	for _, k := range names {
		if missed(k) > 0 {
			t.Logf("skill recall %-20s %3d/%3d missed %d", k, found[k], wanted[k], missed(k))
		}
	}
}
