package text_test

import (
	"testing"

	"helpdesk/internal/text"
)

func TestTrim(t *testing.T) {
	for in, want := range map[string]string{
		"  Printer  ":               "Printer",
		"\u200b\u200b\u200b\u200b":  "",
		"\u200b \ufeff\u2060\u200d": "",
		"\u3164\u3164\u3164":        "",
		"\u2800\u2800\u2800":        "",
		"\u200bPrinter\u200b":       "Printer",
		"a\u200db":                  "a\u200db",
		"\u202eevil\u202c":          "evil",
		"Écran noir":                "Écran noir",
	} {
		if got := text.Trim(in); got != want {
			t.Errorf("Trim(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithoutBidiControls(t *testing.T) {
	for in, want := range map[string]string{
		"invoice\u202efdp.exe":    "invoicefdp.exe",
		"\u2067abc\u2069 \u202ax": "abc x",
		"שלום\u200f":              "שלום\u200f",
	} {
		if got := text.WithoutBidiControls(in); got != want {
			t.Errorf("WithoutBidiControls(%q) = %q, want %q", in, got, want)
		}
	}
}
