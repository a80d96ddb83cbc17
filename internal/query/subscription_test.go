package query_test

import (
	"errors"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"helpdesk/internal/query"
	"helpdesk/internal/ticket"
)

const topic = "tickets/ticket000000001"

// probes are options a plain user might send; each is also a seed of the
// fuzz test, in every encoding of the options parameter.
var probes = []struct {
	name, options string
	refused       bool
}{
	{"plain filter", `{"query":{"filter":"title ~ 'x'"}}`, false},
	{"filter and expand", `{"query":{"filter":"title ~ 'x'","expand":"created_by"},"headers":{"x-a":"b"}}`, false},
	{"staff field", `{"query":{"filter":"helpful_notes ~ 'x'"}}`, true},
	{"escaped field name", `{"query":{"filter":"\u0068elpful_notes ~ 'x'"}}`, true},
	// PocketBase keeps what it decoded before a type error
	{"escaped field name, then a type error", `{"query":{"filter":"\u0068elpful_notes ~ 'x'"},"headers":[]}`, true},
	// PocketBase keeps the first of duplicate keys, encoding/json v1 the last
	{"duplicate query key", `{"query":{"filter":"\u0068elpful_notes ~ 'x'"},"query":{"filter":"title ~ 'x'"}}`, true},
	{"duplicate filter key", `{"query":{"filter":"related_skills ~ 'x'","filter":"title ~ 'x'"}}`, true},
	{"duplicate key, second a number", `{"query":{"filter":"\u0068elpful_notes ~ 'x'"},"query":1}`, true},
	{"escaped key", `{"query":{"\u0066ilter":"resource_links ~ 'x'"}}`, true},
	{"key in capitals", `{"QUERY":{"filter":"title ~ 'x'"}}`, true},
	{"unknown key", `{"query":{"filter":"title ~ 'x'"},"other":1}`, true},
	{"nested value", `{"query":{"filter":{"f":"helpful_notes ~ 'x'"}}}`, true},
	{"number value", `{"query":{"filter":1}}`, true},
	{"invalid UTF-8", "{\"query\":{\"filter\":\"title ~ '\xff'\"}}", true},
	{"trailing garbage", `{"query":{"filter":"helpful_notes ~ 'x'"}}x`, true},
	{"back-relation", `{"query":{"filter":"comments_via_ticket.internal = false"}}`, true},
	{"sort", `{"query":{"sort":"-related_skills"}}`, true},
	{"@collection", `{"query":{"filter":"@collection.tickets.helpful_notes ?~ 'x'"}}`, true},
	{"null query", `{"query":null}`, false},
	{"empty", ``, false},
}

// encodings of the options parameter in a topic.
var encodings = []func(string) string{
	func(o string) string { return topic + "?options=" + url.QueryEscape(o) },
	func(o string) string { return topic + "?options=" + o },
	func(o string) string { return topic + "?options=" + url.PathEscape(o) },
	func(o string) string {
		return topic + "?options=" + url.QueryEscape(o) + "&options=" + url.QueryEscape(`{"query":{"filter":"title ~ 'x'"}}`)
	},
	func(o string) string {
		return topic + "?options=" + url.QueryEscape(`{"query":{"filter":"title ~ 'x'"}}`) + "&options=" + url.QueryEscape(o)
	},
	func(o string) string { return topic + "?a=1;options=" + url.QueryEscape(o) },
	func(o string) string { return topic + "?options=" + strings.ReplaceAll(url.QueryEscape(o), "%20", "+") },
}

func TestCheckSubscription(t *testing.T) {
	s := newSchema()
	for _, p := range probes {
		sub := encodings[0](p.options)
		err := query.Default.CheckSubscription(s, query.Everyone, sub)
		if (err != nil) != p.refused {
			t.Errorf("%s: %v, want refused %v", p.name, err, p.refused)
		}
		// staff read the staff fields but not through ambiguous options
		staff := query.Default.CheckSubscription(s, query.Staff, sub)
		if errors.Is(err, query.ErrUndecodable) != errors.Is(staff, query.ErrUndecodable) {
			t.Errorf("%s: staff %v, plain user %v: undecodable for one only", p.name, staff, err)
		}
	}
	for i, enc := range encodings[3:6] {
		if err := query.Default.CheckSubscription(s, query.Everyone, enc(`{"query":{"filter":"title ~ 'x'"}}`)); err == nil {
			t.Errorf("encoding %d: an ambiguous options parameter is accepted", i+3)
		}
	}
	if err := query.Default.CheckSubscription(s, query.Superusers, encodings[0](probes[5].options)); err != nil {
		t.Errorf("superusers: %v", err)
	}
}

// FuzzSubscriptionOptions feeds the same options to our check and to
// PocketBase's decoder. Whatever the check accepts must (1) decode
// strictly to exactly what PocketBase decodes and (2) carry no filter or
// sort that reaches a protected field, judged on PocketBase's decoding by
// an oracle that reads fexpr tokens directly. The seeds run in plain go test.
func FuzzSubscriptionOptions(f *testing.F) {
	for _, p := range probes {
		for i := range encodings {
			f.Add(p.options, uint8(i))
		}
	}
	s := newSchema()
	f.Fuzz(func(t *testing.T, options string, encoding uint8) {
		sub := encodings[int(encoding)%len(encodings)](options)
		pb := pocketBaseQuery(sub)
		if strict, err := query.DecodeStrict(sub); err == nil && !maps.Equal(strict, pb) {
			t.Fatalf("%q: strict %q, PocketBase %q", sub, strict, pb)
		}
		if query.Default.CheckSubscription(s, query.Everyone, sub) != nil {
			return
		}
		if id := protectedIdentifier(s, pb["filter"]); id != "" {
			t.Fatalf("%q: accepted, PocketBase runs the filter %q (%s)", sub, pb["filter"], id)
		}
		for _, f := range strings.Split(pb["sort"], ",") {
			if id := protectedIdentifier(s, strings.TrimLeft(strings.TrimSpace(f), "+-")+" = 1"); id != "" {
				t.Fatalf("%q: accepted, sort %q (%s)", sub, pb["sort"], id)
			}
		}
	})
}

// backRelation is a step PocketBase reads as a back-relation.
var backRelation = regexp.MustCompile(`^(\w+)_via_\w+$`)

func pocketBaseQuery(sub string) map[string]string {
	c := subscriptions.NewDefaultClient()
	c.Subscribe(sub)
	return c.Subscriptions()[sub].Query
}

// protectedIdentifier returns an identifier of the filter that a plain
// user may not use on tickets: a staff-only field, a user's email, a
// back-relation into a collection of s, @collection or @request. "" when there is none
// or PocketBase cannot parse the filter (then it never matches).
func protectedIdentifier(s schema, filter string) string {
	groups, err := fexpr.Parse(filter)
	if err != nil {
		return ""
	}
	var tokens []fexpr.Token
	var walk func([]fexpr.ExprGroup)
	walk = func(gs []fexpr.ExprGroup) {
		for _, g := range gs {
			switch item := g.Item.(type) {
			case fexpr.Expr:
				tokens = append(tokens, item.Left, item.Right)
			case fexpr.ExprGroup:
				walk([]fexpr.ExprGroup{item})
			case []fexpr.ExprGroup:
				walk(item)
			}
		}
	}
	walk(groups)
	for len(tokens) > 0 {
		tok := tokens[0]
		tokens = tokens[1:]
		if args, ok := tok.Meta.([]fexpr.Token); ok {
			tokens = append(tokens, args...)
		}
		if tok.Type != fexpr.TokenIdentifier {
			continue
		}
		if strings.HasPrefix(tok.Literal, "@") && strings.Contains(tok.Literal, ".") {
			return tok.Literal
		}
		steps := strings.Split(tok.Literal, ".")
		for i, step := range steps {
			name, _, _ := strings.Cut(step, ":")
			staffField := i == 0 && slices.Contains(ticket.StaffOnlyFields, name)
			userEmail := i > 0 && name == "email" && slices.Contains([]string{ticket.FieldCreatedBy, ticket.FieldAssignedTo, "watchers"}, steps[i-1])
			m := backRelation.FindStringSubmatch(step)
			if staffField || userEmail || m != nil && s.get(m[1]) != nil {
				return tok.Literal
			}
		}
	}
	return ""
}
