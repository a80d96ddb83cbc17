package query

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// Schema finds a collection by name (case-insensitively) or id, as
// PocketBase's field resolver does; core.App implements it.
type Schema interface {
	FindCachedCollectionByNameOrId(nameOrId string) (*core.Collection, error)
}

var _ Schema = core.App(nil)

// Refusal is a filter or sort the caller may not run.
type Refusal struct {
	// Param is "filter" or "sort".
	Param string
	// Identifier is the refused identifier as the client wrote it.
	Identifier string
	// Reasons says which part of it is for whom.
	Reasons []string
	// SuperuserOnly marks @collection and @request identifiers, which
	// PocketBase itself refuses to everyone else with 403.
	SuperuserOnly bool
}

func (r *Refusal) Error() string {
	return "Filtering or sorting by " + r.Identifier + ": " + strings.Join(r.Reasons, "; ") + "."
}

// viaPattern is PocketBase's back-relation form (core's viaRegex).
var viaPattern = regexp.MustCompile(`^(\w+)_via_(\w+)$`)

// CheckFilter returns a *Refusal when the filter, run on base, would read
// a field who may not read, or PocketBase's parse error.
func (p Policy) CheckFilter(s Schema, base *core.Collection, who Audience, filter string) error {
	if filter == "" || who == Superusers {
		return nil
	}
	ids, err := FilterIdentifiers(filter)
	if err != nil {
		return err
	}
	return p.check(s, base, who, "filter", ids)
}

// CheckSort is CheckFilter for a sort expression: ordering rows by a value
// tells as much about it as filtering on it.
func (p Policy) CheckSort(s Schema, base *core.Collection, who Audience, sort string) error {
	if sort == "" || who == Superusers {
		return nil
	}
	return p.check(s, base, who, "sort", SortIdentifiers(sort))
}

func (p Policy) check(s Schema, base *core.Collection, who Audience, param string, ids []string) error {
	for _, id := range ids {
		if strings.HasPrefix(id, "@") {
			// @collection reaches any collection's rows without its rules,
			// @request the caller's own hidden fields
			return &Refusal{Param: param, Identifier: id, Reasons: []string{strings.SplitN(id, ".", 2)[0] + " is for superusers only"}, SuperuserOnly: true}
		}
		if reasons := p.walk(s, base, who, id); len(reasons) > 0 {
			return &Refusal{Param: param, Identifier: id, Reasons: reasons}
		}
	}
	return nil
}

// walk follows an identifier through the schema the way PocketBase's
// resolver does (fields by exact name, relations, x_via_y back-relations,
// json paths end the walk) and returns why each step is out of reach.
// Names PocketBase cannot resolve end the walk: it refuses them itself.
func (p Policy) walk(s Schema, c *core.Collection, who Audience, id string) []string {
	var reasons []string
	props := strings.Split(id, ".")
	for i, prop := range props {
		name := prop
		if before, _, ok := strings.Cut(prop, ":"); ok {
			name = before // a modifier (:lower, :length, :each, :isset)
		}
		f := c.Fields.GetByName(name)
		if f == nil {
			m := viaPattern.FindStringSubmatch(prop)
			if m == nil {
				return reasons
			}
			back, err := s.FindCachedCollectionByNameOrId(m[1])
			if err != nil {
				return reasons
			}
			if need := p.allRows(back.Name); !who.Includes(need) {
				reasons = append(reasons, fmt.Sprintf("the back-relation %s is for %s only", prop, need))
			}
			c = back
			continue
		}
		if need := p.field(c.Name, f.GetName()); !who.Includes(need) {
			reasons = append(reasons, fmt.Sprintf("%s is for %s only", f.GetName(), need))
		}
		rel, ok := f.(*core.RelationField)
		if !ok || i == len(props)-1 {
			return reasons
		}
		target, err := s.FindCachedCollectionByNameOrId(rel.CollectionId)
		if err != nil {
			return reasons
		}
		if need := p.allRows(target.Name); rel.IsMultiple() && !who.Includes(need) {
			reasons = append(reasons, fmt.Sprintf("the multiple relation %s is for %s only", f.GetName(), need))
		}
		c = target
	}
	return reasons
}
