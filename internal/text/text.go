// Package text cleans what people type before it is stored or mailed:
// invisible characters around it, and the bidirectional controls that
// make a line read otherwise than it is.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Truncate cuts s to at most n runes, on a rune boundary.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Trim removes white space and invisible format characters (zero-width
// spaces and joiners, word joiners, BOMs, bidi marks, fillers) from both
// ends, so that a text made only of them is blank. Those inside are kept:
// joiners matter in some scripts and emoji.
func Trim(s string) string {
	return strings.TrimFunc(s, invisible)
}

func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		r == '\u2800' // braille blank, rendered as nothing
}

// bidiControls are the embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069): in a mail subject "invoice\u202Efdp.exe" shows as
// "invoiceexe.pdf".
var bidiControls = strings.NewReplacer(
	"\u202A", "", "\u202B", "", "\u202C", "", "\u202D", "", "\u202E", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
)

// WithoutBidiControls removes the bidirectional embeddings, overrides and
// isolates from s. The plain marks (LRM, RLM) stay: they cannot reorder a
// run of text.
func WithoutBidiControls(s string) string {
	return bidiControls.Replace(s)
}
