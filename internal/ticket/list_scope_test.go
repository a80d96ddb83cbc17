package ticket_test

import (
	"testing"

	"helpdesk/internal/ticket"
)

func TestListScope(t *testing.T) {
	cases := []struct{ id, want string }{
		{"abc123", `created_by = "abc123" || assigned_to = "abc123"`},
		{`a" || 1=1 || "`, ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := ticket.ListScope(c.id); got != c.want {
			t.Errorf("ListScope(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}
