package security

import (
	"encoding/json/jsontext"
	"errors"
	"io"
	"strings"
)

// JSONError is a JSON body PocketBase's decoder refuses, with the
// top-level field it is in ("" when it is not in one).
type JSONError struct {
	Field  string
	Reason string
	Err    error
}

func (e *JSONError) Error() string { return e.Reason }

func (e *JSONError) Unwrap() error { return e.Err }

// CheckJSON reads one JSON value from r with the checks PocketBase's body
// decoder makes (no repeated key, valid UTF-8: no lone surrogate) and
// returns which field breaks them, so that the answer can name it; its
// own error names none. Read errors (a body over its limit) are returned
// as they are.
func CheckJSON(r io.Reader) error {
	err := jsontext.NewDecoder(r).SkipValue()
	var syntax *jsontext.SyntacticError
	if err == nil || !errors.As(err, &syntax) {
		return err
	}
	field := ""
	for tok := range syntax.JSONPointer.Tokens() {
		field = tok
		break
	}
	reason := "The body is not valid JSON."
	switch msg := syntax.Err.Error(); {
	case strings.Contains(msg, "duplicate"):
		reason = "This field is given more than once."
	case strings.Contains(msg, "UTF-8") || strings.Contains(msg, "surrogate"):
		reason = "Must be valid text (it holds an unpaired surrogate or invalid UTF-8)."
	}
	return &JSONError{Field: field, Reason: reason, Err: err}
}
