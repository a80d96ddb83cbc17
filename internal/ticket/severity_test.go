package ticket_test

import (
	"testing"

	"helpdesk/internal/ticket"
)

func TestSeverity(t *testing.T) {
	t.Parallel()
	want := map[string]int{"critical": 4, "high": 3, "medium": 2, "low": 1, "": 0, "bogus": 0}
	for p, n := range want {
		if got := ticket.Severity(p); got != n {
			t.Errorf("Severity(%q) = %d, want %d", p, got, n)
		}
	}
	for _, p := range ticket.Priorities {
		if ticket.Severity(p) < 1 || ticket.Severity(p) > ticket.SeverityMax {
			t.Errorf("%s has no severity", p)
		}
	}
}
