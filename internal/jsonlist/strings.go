// Package jsonlist reads the value of a json field that must hold an array
// of strings (users.skills, tickets.related_skills, tickets.resource_links).
package jsonlist

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Strings returns the strings of raw: a record's json field value (it
// prints as JSON text, e.g. types.JSONRaw) or a []string or []any already
// decoded. Empty and null are an empty list; ok is false for any other
// shape, including arrays holding anything but strings.
func Strings(raw any) (list []string, ok bool) {
	switch v := raw.(type) {
	case nil:
		return nil, true
	case []string:
		return v, true
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, isString := item.(string)
			if !isString {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	case fmt.Stringer:
		return Decode([]byte(v.String()))
	default:
		return nil, false
	}
}

// Decode reads JSON text holding an array of strings; empty text and null
// are an empty list.
func Decode(text []byte) (list []string, ok bool) {
	s := strings.TrimSpace(string(text))
	if s == "" || s == "null" {
		return nil, true
	}
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		return nil, false
	}
	return list, true
}
