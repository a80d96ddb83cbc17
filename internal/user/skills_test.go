package user_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/user"
)

func TestName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Go":                 "go",
		"  Linux   Admin\t":  "linux admin",
		"ACTIVE\nDIRECTORY":  "active directory",
		"":                   "",
		"   ":                "",
		"Ünïcode  Ça":        "ünïcode ça",
		"already normalized": "already normalized",
	} {
		if got := user.SkillName(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	n := func(count int) []string {
		out := make([]string, count)
		for i := range out {
			out[i] = fmt.Sprintf("skill %d", i)
		}
		return out
	}
	cases := []struct {
		name    string
		raw     any
		want    []string
		wantErr string
	}{
		{name: "nil", raw: nil, want: []string{}},
		{name: "empty list", raw: []string{}, want: []string{}},
		{name: "strings normalized and deduplicated", raw: []string{" Go ", "GO", "Linux  Admin", "go"}, want: []string{"go", "linux admin"}},
		{name: "[]any from a JSON body", raw: []any{"Go", "Docker"}, want: []string{"go", "docker"}},
		{name: "JSON text", raw: `["Go", " docker "]`, want: []string{"go", "docker"}},
		{name: "JSON bytes", raw: []byte(`["Go"]`), want: []string{"go"}},
		{name: "types.JSONRaw as stored", raw: types.JSONRaw(`["Networking"]`), want: []string{"networking"}},
		{name: "json null", raw: types.JSONRaw(`null`), want: []string{}},
		{name: "empty JSON text", raw: "", want: []string{}},
		{name: "30 skills", raw: n(30), want: n(30)},
		{name: "31 with a duplicate", raw: append(n(30), "SKILL 0"), want: n(30)},
		{name: "40 characters", raw: []string{strings.Repeat("é", 40)}, want: []string{strings.Repeat("é", 40)}},
		{name: "40 characters after trimming", raw: []string{"  " + strings.Repeat("a", 40) + "  "}, want: []string{strings.Repeat("a", 40)}},

		{name: "31 skills", raw: n(31), wantErr: "at most 30"},
		{name: "41 characters", raw: []string{strings.Repeat("a", 41)}, wantErr: "longer than 40"},
		{name: "empty name", raw: []string{"go", ""}, wantErr: "empty"},
		{name: "blank name", raw: []any{"   "}, wantErr: "empty"},
		{name: "a number in the list", raw: []any{"go", 1.0}, wantErr: "array of skill names"},
		{name: "a nested list", raw: []any{[]any{"go"}}, wantErr: "array of skill names"},
		{name: "a bare string", raw: types.JSONRaw(`"go"`), wantErr: "array of skill names"},
		{name: "an object", raw: types.JSONRaw(`{"go":true}`), wantErr: "array of skill names"},
		{name: "a number", raw: 42, wantErr: "array of skill names"},
		{name: "text that is not JSON", raw: "go, docker", wantErr: "array of skill names"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := user.NormalizeSkills(c.raw)
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
			// stored as a JSON array, never null
			if raw, _ := json.Marshal(got); raw[0] != '[' {
				t.Errorf("encodes as %s", raw)
			}
		})
	}
}

func TestLenient(t *testing.T) {
	t.Parallel()
	many := make([]string, 40)
	for i := range many {
		many[i] = fmt.Sprintf("Skill %d", i)
	}
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"nil", nil, []string{}},
		{"drops what it cannot fix", []string{" Go ", "", strings.Repeat("x", 41), "go", "DNS"}, []string{"go", "dns"}},
		{"keeps the first 30", many, skillsOf(many[:30])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := user.LenientSkills(c.in); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func skillsOf(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = user.SkillName(s)
	}
	return out
}
