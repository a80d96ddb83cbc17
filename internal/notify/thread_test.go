package notify_test

import (
	"testing"

	"helpdesk/internal/notify"
)

func TestThreadHost(t *testing.T) {
	tests := []struct{ appURL, want string }{
		{"https://Help.Example.com/", "help.example.com"},
		{"http://10.0.0.5:8090/helpdesk", "10.0.0.5"},
		{"http://localhost:8090", "localhost"},
		{"http://[::1]:8090", notify.DefaultThreadHost},
		{"", notify.DefaultThreadHost},
		{"not a url", notify.DefaultThreadHost},
	}
	for _, tt := range tests {
		if got := notify.ThreadHost(tt.appURL); got != tt.want {
			t.Errorf("ThreadHost(%q) = %q, want %q", tt.appURL, got, tt.want)
		}
	}
}

func TestThreadNumber(t *testing.T) {
	const host = "help.example.com"
	if root := notify.ThreadRootID(host, 12); root != "<hd.12@help.example.com>" {
		t.Fatalf("ThreadRootID = %q", root)
	}
	tests := []struct {
		id   string
		want int
		ok   bool
	}{
		{"<hd.12@help.example.com>", 12, true},
		{"<hd.12.k3j4h5g6f7d8s9a0@help.example.com>", 12, true},
		{"hd.7@HELP.example.com", 7, true},
		{"<hd.12@other.example.com>", 0, false},
		{"<hd.0@help.example.com>", 0, false},
		{"<hd.x@help.example.com>", 0, false},
		{"<CAF=abc@mail.gmail.com>", 0, false},
		{"<xhd.12@help.example.com>", 0, false},
	}
	for _, tt := range tests {
		n, ok := notify.ThreadNumber(tt.id, host)
		if n != tt.want || ok != tt.ok {
			t.Errorf("ThreadNumber(%q) = %d, %v; want %d, %v", tt.id, n, ok, tt.want, tt.ok)
		}
	}
}
