package builtin_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"helpdesk/internal/analysis"
	"helpdesk/internal/builtin"
	"helpdesk/internal/ticket"
)

// labelledTicket is one ticket of testdata/tickets.json with the priority
// and skills a human support lead gave it.
type labelledTicket struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Priority    string   `json:"priority"`
	Skills      []string `json:"skills"`
}

func loadTickets(t testing.TB) []labelledTicket {
	t.Helper()
	return loadTicketFile(t, "testdata/tickets.json")
}

func loadTicketFile(t testing.TB, path string) []labelledTicket {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []labelledTicket
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func level(p string) int { return slices.Index(ticket.Priorities, p) }

// TestEvaluation measures the analyzer against the labelled sets: priority
// within one level, exact priority, and recall of the labelled skills.
// tickets.json is the main set; tickets_second_round.json was written later,
// to check that tuning on the first did not overfit it.
func TestEvaluation(t *testing.T) {
	for _, path := range []string{"testdata/tickets.json", "testdata/tickets_second_round.json"} {
		t.Run(path, func(t *testing.T) {
			tickets := loadTicketFile(t, path)
			if len(tickets) < 60 {
				t.Fatalf("the evaluation set has %d tickets, want at least 60", len(tickets))
			}
			evaluate(t, tickets)
		})
	}
}

func evaluate(t *testing.T, tickets []labelledTicket) {
	a := builtin.New()
	var exact, within, wanted, found int
	for _, tk := range tickets {
		res, err := a.Analyze(context.Background(), analysis.Input{Title: tk.Title, Description: tk.Description})
		if err != nil {
			t.Fatal(err)
		}
		got, want := level(res.Priority), level(tk.Priority)
		if want < 0 {
			t.Fatalf("%q: bad label %q", tk.Title, tk.Priority)
		}
		switch d := got - want; {
		case d == 0:
			exact++
			within++
		case d == 1 || d == -1:
			within++
			t.Logf("off by one: %q: got %s, want %s", tk.Title, res.Priority, tk.Priority)
		default:
			t.Logf("MISS: %q: got %s, want %s", tk.Title, res.Priority, tk.Priority)
		}
		var missing []string
		for _, s := range tk.Skills {
			wanted++
			if slices.Contains(res.RelatedSkills, s) {
				found++
			} else {
				missing = append(missing, s)
			}
		}
		if len(missing) > 0 {
			t.Logf("skills of %q: got %v, missing %v", tk.Title, res.RelatedSkills, missing)
		}
	}
	n := float64(len(tickets))
	withinRate, exactRate, recall := float64(within)/n, float64(exact)/n, float64(found)/float64(wanted)
	t.Logf("%d tickets: priority within one level %.1f%%, exact %.1f%%, skill recall %.3f (%d/%d)",
		len(tickets), 100*withinRate, 100*exactRate, recall, found, wanted)
	if withinRate < 0.90 {
		t.Errorf("priority within one level = %.1f%%, want ≥ 90%%", 100*withinRate)
	}
	if exactRate < 0.65 {
		t.Errorf("exact priority = %.1f%%, want ≥ 65%%", 100*exactRate)
	}
	if recall < 0.80 {
		t.Errorf("skill recall = %.3f, want ≥ 0.8", recall)
	}
}
