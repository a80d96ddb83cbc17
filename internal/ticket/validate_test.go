package ticket_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/ticket"
)

func TestParseLinks(t *testing.T) {
	t.Parallel()
	many := make([]string, 51)
	for i := range many {
		many[i] = "https://example.com/" + strings.Repeat("a", i+1)
	}
	cases := []struct {
		name    string
		raw     any
		want    []string
		wantErr string
	}{
		{name: "nil", raw: nil, want: []string{}},
		{name: "stored null", raw: types.JSONRaw(`null`), want: []string{}},
		{name: "stored empty", raw: types.JSONRaw(``), want: []string{}},
		{name: "strings", raw: []string{"https://example.com/a", " http://example.org/b?q=1 "}, want: []string{"https://example.com/a", "http://example.org/b?q=1"}},
		{name: "[]any from a JSON body", raw: []any{"https://example.com/a"}, want: []string{"https://example.com/a"}},
		{name: "stored JSON", raw: types.JSONRaw(`["https://example.com/a","https://example.com/a"]`), want: []string{"https://example.com/a"}},
		{name: "50 links", raw: many[:50], want: many[:50]},

		{name: "51 links", raw: many, wantErr: "at most 50"},
		{name: "ftp", raw: []string{"ftp://example.com/file"}, wantErr: "not an http(s) URL"},
		{name: "javascript", raw: []string{"javascript:alert(1)"}, wantErr: "not an http(s) URL"},
		{name: "relative", raw: []string{"/docs/vpn"}, wantErr: "not an http(s) URL"},
		{name: "no host", raw: []string{"https://"}, wantErr: "not an http(s) URL"},
		{name: "empty", raw: []string{""}, wantErr: "not an http(s) URL"},
		{name: "too long", raw: []string{"https://example.com/" + strings.Repeat("x", 2000)}, wantErr: "not an http(s) URL"},
		{name: "a number in the list", raw: []any{"https://example.com", 3.0}, wantErr: "array of http(s) URLs"},
		{name: "a bare string", raw: types.JSONRaw(`"https://example.com"`), wantErr: "array of http(s) URLs"},
		{name: "an object", raw: types.JSONRaw(`{"url":"https://example.com"}`), wantErr: "array of http(s) URLs"},
		{name: "a number", raw: 7, wantErr: "array of http(s) URLs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ticket.ParseLinks(c.raw)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one containing %q (got %q)", err, c.wantErr, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestBodyTypeErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body map[string]any
		want []string
	}{
		{"nil body (a form)", nil, nil},
		{"strings", map[string]any{"title": "t", "status": "done", "due": "", "assigned_to": "x"}, nil},
		{"null is not a type error", map[string]any{"title": nil}, nil},
		{"json fields are Prepare's", map[string]any{"related_skills": 3, "resource_links": "x"}, nil},
		{"a date", map[string]any{"due": "2030-01-31 12:00:00.000Z"}, nil},
		{"a number", map[string]any{"title": 12.0}, []string{"title"}},
		{"a boolean and a list", map[string]any{"description": true, "created_by": []any{"a"}}, []string{"created_by", "description"}},
		{"an object", map[string]any{"priority": map[string]any{}}, []string{"priority"}},
		{"not a date", map[string]any{"due": "next tuesday"}, []string{"due"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := ticket.BodyTypeErrors(c.body)
			var got []string
			for f := range errs {
				got = append(got, f)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("fields %v, want %v", got, c.want)
			}
		})
	}
}
