package builtin_test

import (
	"reflect"
	"testing"

	"helpdesk/internal/builtin"
)

func TestWords(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Can't log in", []string{"cant", "log", "in"}},
		{"I can’t LOG-IN!", []string{"i", "cant", "log", "in"}},
		{"crashes crashed crashing crash", []string{"crash", "crash", "crash", "crash"}},
		{"charged charges charging", []string{"charg", "charg", "charg"}},
		{"Windows window", []string{"windows", "window"}},
		{"node.js v1.2 ssl/tls", []string{"node", "js", "v1", "2", "ssl", "tls"}},
		{"c++ c# k8s 2FA", []string{"c++", "c#", "k8s", "2fa"}},
		{"see https://example.com/how-to-login now", []string{"see", "now"}},
		{"it is down, but slow", []string{"it", "is", "down", "slow"}},
		{"Müller's Straße", []string{"müller", "straß"}},
	}
	for _, tc := range cases {
		if got := builtin.Words(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
