package query_test

import (
	"errors"
	"testing"

	"helpdesk/internal/query"
)

func TestAndFilter(t *testing.T) {
	const scope = `created_by = "u1" || assigned_to = "u1"`
	cases := []struct {
		filter, want string
		err          bool
	}{
		{"", scope, false},
		{`status = "done"`, "(" + scope + `) && (status = "done"` + "\n)", false},
		{`status = "done" || title ~ "x"`, "(" + scope + `) && (status = "done" || title ~ "x"` + "\n)", false},
		{"title = 'a' // a trailing comment", "(" + scope + ") && (title = 'a' // a trailing comment\n)", false},
		// parses only once joined: it would close the scope's parenthesis
		{`1=1) || (1=1`, "", true},
		{`1=1) || (1=1 // `, "", true},
		{`title = "a"`, "(" + scope + `) && (title = "a"` + "\n)", false},
		{`title = "a) || (1=1"`, "(" + scope + `) && (title = "a) || (1=1"` + "\n)", false},
		{`(title = "a"`, "", true},
		{`title = "a`, "", true},
	}
	for _, c := range cases {
		got, err := query.AndFilter(scope, c.filter)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("AndFilter(%q) = %q, %v; want %q, error %v", c.filter, got, err, c.want, c.err)
		}
	}
	if _, err := query.AndFilter(scope, `1=1) || (1=1`); !errors.Is(err, query.ErrScopeEscape) && err == nil {
		t.Errorf("the breakout is not refused")
	}
}
