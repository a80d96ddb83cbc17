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
		{"I can’t LOG-IN!", []string{"i", "cant", "login"}},
		{"e-mail Wi-Fi cut-off", []string{"email", "wifi", "cutoff"}},
		{"meetings meeting", []string{"meet", "meet"}},
		{"wording word accounting account", []string{"wording", "word", "accounting", "account"}},
		{"took 38211.522 ms", []string{"took", "38211.522", "ms"}},
		{"'Orders by customer' report", []string{"order", "by", "customer", "report"}},
		{"crashes crashed crashing crash", []string{"crash", "crash", "crash", "crash"}},
		{"charged charges charging", []string{"charg", "charg", "charg"}},
		{"Windows window", []string{"windows", "window"}},
		{"node.js v1.2 ssl/tls", []string{"node", "js", "v1.2", "ssl", "tls"}},
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

func TestMachineText(t *testing.T) {
	cases := []struct {
		name, in string
		machine  []string
	}{
		{"fenced block", "Our log:\n```\nERROR lost connection\n```\nPlease check.", []string{"error", "lost", "connection"}},
		{"log line", "It says\n2026-03-02T10:14:22Z ERROR payment denied\nsince today.", []string{"2026", "03", "02t10", "14", "22z", "error", "payment", "deny"}},
		{"stack frame", "Crash:\n  at com.acme.Sync.run(Sync.java:41)", []string{"at", "com", "acme", "sync", "run", "sync", "java", "41"}},
		{"inline code", "I ran `rm -rf data` and the data is gone.", []string{"rm", "rf", "data"}},
	}
	for _, tc := range cases {
		if got := builtin.MachineWords(tc.in); !reflect.DeepEqual(got, tc.machine) {
			t.Errorf("%s: machine words %q, want %q", tc.name, got, tc.machine)
		}
	}
}
