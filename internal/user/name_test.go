package user_test

import (
	"testing"

	"helpdesk/internal/user"
)

func TestValidateName(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{
		"Uma User", "J. R. R. Tolkien", "Zoë O'Brien-Smith", "李小龙", "Jane <b>Doe</b> & Co", "Dr. Who", "Team 3.5", "Ms. A.B. Cole",
	} {
		if err := user.ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{
		"Your refund is ready: https://evil.example/claim",
		"https://evil.example", "hxxp://x", "mailto:a", "www.evil", "evil.com", "pay at evil.example now",
		"evil。com", "a@b.c", "claim at me@evil", "Uma\nUser", "Uma\u0007", "xn--80ak6aa92e.xn--p1ai",
		"javascript:alert(1)",
	} {
		if err := user.ValidateName(bad); err == nil {
			t.Errorf("ValidateName(%q) = nil, want an error", bad)
		}
	}
}
