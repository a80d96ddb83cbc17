package query

import (
	"errors"
	"reflect"

	"github.com/ganigeorgiev/fexpr"
)

// ErrScopeEscape is returned when a filter would not stay inside its
// parentheses once joined to a scope.
var ErrScopeEscape = errors.New("the filter does not stay within its scope")

// AndFilter returns scope AND filter as one filter string, and checks with
// PocketBase's parser that the result is exactly those two groups: a
// filter that parses only once joined (`1=1) || (1=1` closes the scope's
// parenthesis and ORs around it) is refused instead. A filter that
// PocketBase cannot parse on its own is refused with the parse error.
func AndFilter(scope, filter string) (string, error) {
	want, err := fexpr.Parse(scope)
	if err != nil {
		return "", err
	}
	if filter == "" {
		return scope, nil
	}
	own, err := fexpr.Parse(filter)
	if err != nil {
		return "", err
	}
	// the newline ends a trailing // comment before the closing parenthesis
	joined := "(" + scope + ") && (" + filter + "\n)"
	got, err := fexpr.Parse(joined)
	if err != nil || len(got) != 2 || got[1].Join != fexpr.JoinAnd ||
		!reflect.DeepEqual(got[0].Item, want) || !reflect.DeepEqual(got[1].Item, own) {
		return "", ErrScopeEscape
	}
	return joined, nil
}
