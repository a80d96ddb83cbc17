package query_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"helpdesk/internal/query"
)

func TestPolicyCheck(t *testing.T) {
	s := newSchema()
	withComments := query.Policy{}
	for k, v := range query.Default {
		withComments[k] = v
	}
	// a new collection is reachable by multi-match hops only by superusers
	// until it adds its row
	withoutComments := maps.Clone(query.Default)
	delete(withoutComments, "comments")
	// how the comments collection adds its row
	withComments["comments"] = query.Collection{Fields: map[string]query.Audience{"internal": query.Staff}, AllRows: query.Admins}

	cases := []struct {
		name       string
		policy     query.Policy
		collection string
		who        query.Audience
		param      string // filter or sort
		expr       string
		refused    string // a part of the refusal, "" when allowed
	}{
		{"own fields", query.Default, "tickets", query.Everyone, "filter", `title ~ "printer" && created_by = "x"`, ""},
		{"staff field", query.Default, "tickets", query.Everyone, "filter", `helpful_notes ~ "x"`, "helpful_notes is for staff only"},
		{"staff field with a modifier", query.Default, "tickets", query.Everyone, "filter", `related_skills:length > 0`, "related_skills is for staff only"},
		{"staff field as json path", query.Default, "tickets", query.Everyone, "filter", `resource_links.0 != ""`, "resource_links is for staff only"},
		{"staff field on the right", query.Default, "tickets", query.Everyone, "filter", `"x" = helpful_notes`, "helpful_notes"},
		{"staff field inside a function", query.Default, "tickets", query.Everyone, "filter", `strftime('%Y', helpful_notes) = "2020"`, "helpful_notes"},
		{"staff field in a nested group", query.Default, "tickets", query.Everyone, "filter", `title = "a" || (status = "x" && (helpful_notes ~ "b"))`, "helpful_notes"},
		{"a comment hides nothing", query.Default, "tickets", query.Everyone, "filter", "title = 'a' // helpful_notes\n || helpful_notes ~ 'b'", "helpful_notes"},
		{"staff field is a text literal", query.Default, "tickets", query.Everyone, "filter", `title ~ "helpful_notes"`, ""},
		{"staff may", query.Default, "tickets", query.Staff, "filter", `helpful_notes ~ "x"`, ""},
		{"staff sort", query.Default, "tickets", query.Everyone, "sort", `-created,+related_skills`, "related_skills is for staff only"},
		{"random and rowid sorts", query.Default, "tickets", query.Everyone, "sort", `@random,-@rowid`, ""},
		{"email sort as a moderator", query.Default, "users", query.Staff, "sort", `email`, "email is for superusers only"},
		{"email filter as an admin", query.Default, "users", query.Admins, "filter", `email ~ "a%"`, "email is for superusers only"},
		{"email through a relation", query.Default, "tickets", query.Staff, "sort", `created_by.email`, "email is for superusers only"},
		{"email for superusers", query.Default, "users", query.Superusers, "sort", `email`, ""},
		{"related name", query.Default, "tickets", query.Everyone, "filter", `created_by.name = "Uma"`, ""},
		{"staff field through a back-relation", query.Default, "users", query.Everyone, "filter", `tickets_via_created_by.helpful_notes ?~ "S"`, "for staff only"},
		{"back-relation to tickets as a moderator", query.Default, "users", query.Staff, "filter", `tickets_via_created_by.title ~ "S"`, "the back-relation tickets_via_created_by is for admins only"},
		{"back-relation to tickets as an admin", query.Default, "users", query.Admins, "filter", `tickets_via_created_by.helpful_notes ~ "S"`, ""},
		{"back-relation written in capitals", query.Default, "users", query.Staff, "filter", `TICKETS_via_created_by.title ~ "S"`, "back-relation"},
		{"back-relation by collection id", query.Default, "users", query.Staff, "filter", `pbc_tickets_via_assigned_to.title ~ "S"`, "back-relation"},
		{"comments back-relation, multi-match", query.Default, "tickets", query.Everyone, "filter", `comments_via_ticket.internal = false`, "comments_via_ticket is for admins only"},
		{"comments back-relation, any-match", query.Default, "tickets", query.Admins, "filter", `comments_via_ticket.body ?~ "x"`, ""},
		{"a collection without a row", withoutComments, "tickets", query.Admins, "filter", `comments_via_ticket.body ?~ "x"`, "for superusers only"},
		{"comments with their row, plain user", withComments, "tickets", query.Everyone, "filter", `comments_via_ticket.internal = false`, "for admins only"},
		{"comments with their row, admin", withComments, "tickets", query.Admins, "filter", `comments_via_ticket.internal = false`, ""},
		{"internal flag from comments", withComments, "comments", query.Everyone, "filter", `internal = true`, "internal is for staff only"},
		{"staff field from comments", withComments, "comments", query.Everyone, "filter", `ticket.helpful_notes ~ "x"`, "helpful_notes is for staff only"},
		{"multiple relation", query.Default, "tickets", query.Everyone, "filter", `watchers.name = "x"`, "the multiple relation watchers is for staff only"},
		{"@collection", query.Default, "users", query.Admins, "filter", `@collection.tickets.title ?~ "x"`, "@collection is for superusers only"},
		{"@request", query.Default, "tickets", query.Staff, "filter", `@request.auth.email = "x"`, "@request is for superusers only"},
		{"unknown field: PocketBase refuses it", query.Default, "tickets", query.Everyone, "filter", `HELPFUL_NOTES != ""`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := c.policy.CheckFilter
			if c.param == "sort" {
				check = c.policy.CheckSort
			}
			err := check(s, s.get(c.collection), c.who, c.expr)
			if c.refused == "" {
				if err != nil {
					t.Fatalf("%s %q refused: %v", c.param, c.expr, err)
				}
				return
			}
			var r *query.Refusal
			if !errors.As(err, &r) {
				t.Fatalf("%s %q: got %v, want a refusal", c.param, c.expr, err)
			}
			if r.Param != c.param || !strings.Contains(r.Error(), c.refused) {
				t.Errorf("refusal %s: %q, want %s: ...%s...", r.Param, r.Error(), c.param, c.refused)
			}
		})
	}
}

func TestPolicyCheckUnparsable(t *testing.T) {
	s := newSchema()
	for _, f := range []string{`1=1) || (1=1`, `title = `, `nosuchfn(title) = 1`, strings.Repeat("a=1 && ", 300) + "a=1"} {
		err := query.Default.CheckFilter(s, s.get("tickets"), query.Everyone, f)
		var r *query.Refusal
		if err == nil || errors.As(err, &r) {
			t.Errorf("%.40q: %v, want PocketBase's parse error", f, err)
		}
	}
}
