package query

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/search"
)

// FilterIdentifiers returns every identifier PocketBase would resolve for
// a filter, in order, with duplicates: it runs PocketBase's own filter
// builder (fexpr grammar, macros, functions, expression limit) with a
// resolver that only records. An error means PocketBase would refuse the
// filter too.
func FilterIdentifiers(filter string) ([]string, error) {
	if len(filter) > search.MaxFilterLength {
		return nil, search.ErrFilterLengthLimit
	}
	r := &recorder{}
	if _, err := search.FilterData(filter).BuildExpr(r); err != nil {
		return nil, err
	}
	return r.names, nil
}

// SortIdentifiers returns the fields a sort expression orders by, split
// as PocketBase splits it; @random and @rowid are not fields.
func SortIdentifiers(sort string) []string {
	var out []string
	for _, f := range search.ParseSortFromString(sort) {
		if f.Name == "@random" || f.Name == "@rowid" {
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

type recorder struct {
	names []string
}

func (r *recorder) UpdateQuery(*dbx.SelectQuery) error { return nil }

func (r *recorder) Resolve(name string) (*search.ResolverResult, error) {
	r.names = append(r.names, name)
	return &search.ResolverResult{Identifier: "[[x]]"}, nil
}
