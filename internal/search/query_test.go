package search_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"helpdesk/internal/search"
)

func TestParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, q, match string
		err            error
	}{
		{"one word, a prefix", "pass", `"pass"*`, nil},
		{"words in any order", "vpn  drops\thourly", `"vpn"* AND "drops"* AND "hourly"*`, nil},
		{"a phrase", `"blank pages" printer`, `"blank pages" AND "printer"*`, nil},
		{"an excluded word", "printer -toner", `("printer"*) NOT ("toner"*)`, nil},
		{"an excluded phrase", `vpn -"home office" -windows`, `("vpn"*) NOT ("home office" OR "windows"*)`, nil},
		{"an unclosed phrase runs to the end", `vpn "drops every`, `"vpn"* AND "drops every"`, nil},
		{"a quote inside a word starts a phrase", `ab"cd ef"`, `"ab"* AND "cd ef"`, nil},
		{"a hyphen inside a word stays", "e-mail", `"e-mail"*`, nil},
		{"a lone hyphen is dropped", "vpn - down", `"vpn"* AND "down"*`, nil},
		{"accents are the tokenizer's", "Café", `"Café"*`, nil},

		{"FTS5 operators are words", "vpn AND NOT OR", `"vpn"* AND "AND"* AND "NOT"* AND "OR"*`, nil},
		{"NEAR( is a word", `NEAR(vpn drops, 2)`, `"NEAR(vpn"* AND "drops,"* AND "2)"*`, nil},
		{"column filters are words", "title:vpn {title body}:x", `"title:vpn"* AND "{title"* AND "body}:x"*`, nil},
		{"signs alone are dropped", `vpn * : ( ) ^ + "" "*"`, `"vpn"*`, nil},
		{"quotes are doubled", `say"hi"`, `"say"* AND "hi"`, nil},
		{"control characters are spaces", "vpn\x00drop\x01s\x02", `"vpn"* AND "drop"* AND "s"*`, nil},
		{"invalid UTF-8 is a space", "vpn\xffdrop", `"vpn"* AND "drop"*`, nil},

		{"empty", "", "", search.ErrEmptyQuery},
		{"only spaces", "   \t\n", "", search.ErrEmptyQuery},
		{"only signs", `* : "" ( ) -`, "", search.ErrEmptyQuery},
		{"only excluded", "-vpn -printer", "", search.ErrOnlyExcluded},
		{"too long", strings.Repeat("a", search.QueryMaxLen+1), "", search.ErrQueryTooLong},
		{"10 KB", strings.Repeat("vpn ", 2500), "", search.ErrQueryTooLong},
		{"too many terms", strings.Repeat("w ", search.QueryMaxTerms+1), "", search.ErrTooManyTerms},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := search.Parse(c.q)
			if !errors.Is(err, c.err) {
				t.Fatalf("Parse(%q) error %v, want %v", c.q, err, c.err)
			}
			if got.Match != c.match {
				t.Errorf("Parse(%q) = %s, want %s", c.q, got.Match, c.match)
			}
		})
	}
}

func TestParseKeepsTheTerms(t *testing.T) {
	t.Parallel()
	got, err := search.Parse(`printer "blank pages" -toner`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Include, []string{"printer", "blank pages"}) || !slices.Equal(got.Exclude, []string{"toner"}) {
		t.Errorf("include %q, exclude %q", got.Include, got.Exclude)
	}
}

func TestAnyOf(t *testing.T) {
	t.Parallel()
	if got := search.AnyOf([]string{"vpn", `a"b`, "**", "hour"}); got != `"vpn" OR "a""b" OR "hour"` {
		t.Errorf("AnyOf = %s", got)
	}
}
