package ticket_test

import (
	"testing"

	"helpdesk/internal/ticket"
)

func TestScopeListFilter(t *testing.T) {
	cases := []struct{ id, filter, want string }{
		{"abc123", "", `(created_by = "abc123" || assigned_to = "abc123")`},
		{"abc123", `status = "done" || title ~ "x"`, `(created_by = "abc123" || assigned_to = "abc123") && (status = "done" || title ~ "x")`},
		{`a" || 1=1 || "`, "status = 'todo'", "status = 'todo'"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := ticket.ScopeListFilter(c.id, c.filter); got != c.want {
			t.Errorf("ScopeListFilter(%q, %q) = %q, want %q", c.id, c.filter, got, c.want)
		}
	}
}
