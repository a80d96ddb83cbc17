package user

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"helpdesk/internal/jsonlist"
)

// Limits of a skills list, fixed by the users/tickets contract.
const (
	MaxSkills      = 30
	MaxSkillLength = 40
	// SkillsJSONMax is the stored size limit of a skills JSON field: a
	// full list of the longest names fits even with every character
	// JSON-escaped as a surrogate pair (12 bytes).
	SkillsJSONMax = MaxSkills * (MaxSkillLength*12 + 3)
)

// SkillName returns the normalized form of one skill name: trimmed, lower case,
// inner whitespace collapsed to a single space.
func SkillName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// NormalizeSkills validates a raw skills value (nil, a JSON array of strings, a
// []string or []any) and returns it normalized with duplicates dropped.
func NormalizeSkills(raw any) ([]string, error) {
	items, err := toStrings(raw)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items))
	seen := make(map[string]bool, len(items))
	for _, item := range items {
		n := SkillName(item)
		if n == "" {
			return nil, errors.New("skill names must not be empty")
		}
		if utf8.RuneCountInString(n) > MaxSkillLength {
			return nil, fmt.Errorf("skill %q is longer than %d characters", n, MaxSkillLength)
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	if len(out) > MaxSkills {
		return nil, fmt.Errorf("at most %d skills are allowed", MaxSkills)
	}
	return out, nil
}

// LenientSkills normalizes what it can and silently drops the rest; it is for
// machine-produced lists (an analyzer's answer), not for user input.
func LenientSkills(items []string) []string {
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, item := range items {
		n := SkillName(item)
		if n == "" || utf8.RuneCountInString(n) > MaxSkillLength || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
		if len(out) == MaxSkills {
			break
		}
	}
	return out
}

// toStrings also takes JSON text (string, []byte, json.RawMessage): a skills
// list given by a program rather than read from a record.
func toStrings(raw any) ([]string, error) {
	var list []string
	var ok bool
	switch v := raw.(type) {
	case string:
		list, ok = jsonlist.Decode([]byte(v))
	case []byte:
		list, ok = jsonlist.Decode(v)
	case json.RawMessage:
		list, ok = jsonlist.Decode(v)
	default:
		list, ok = jsonlist.Strings(raw)
	}
	if !ok {
		return nil, errors.New("must be an array of skill names (strings)")
	}
	return list, nil
}
