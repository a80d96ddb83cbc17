package mail_test

import (
	"testing"

	"helpdesk/internal/mail"
)

func TestMailOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"VPN\r\ndown", "VPN down"},
		{" tabs\tand\nlines ", "tabs and lines"},
		{"bell\a and nul\x00 and del\x7f", "bell and nul and del"},
		{"invoice\u202egpj.exe", "invoicegpj.exe"},
		{"\u2066isolated\u2069 \u200fmarks\u200e \u061c", "isolated marks"},
		{"Grüße, 東京 ✓", "Grüße, 東京 ✓"},
		{"bad \xff byte", "bad  byte"},
	}
	for _, tt := range tests {
		if got := mail.OneLine(tt.in); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
