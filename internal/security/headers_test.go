package security_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/security"
)

func TestSecurityHeadersApply(t *testing.T) {
	cases := []struct {
		name      string
		path      string
		tls       bool
		forwarded string
		trust     bool
		cfg       security.Headers
		wantCSP   string
		wantHSTS  string
	}{
		{name: "portal page over http", path: "/", wantCSP: security.DefaultCSP},
		{name: "api over http", path: "/api/health", wantCSP: security.DefaultCSP},
		{name: "dashboard keeps PocketBase's policy", path: "/_/", wantCSP: ""},
		{name: "dashboard asset", path: "/_/assets/index.js", wantCSP: ""},
		{name: "uploaded file", path: "/api/files/users/abc/me.png", wantCSP: security.FilesCSP},
		{name: "tls", path: "/", tls: true, wantCSP: security.DefaultCSP, wantHSTS: "max-age=31536000; includeSubDomains"},
		{name: "trusted proxy says https", path: "/", forwarded: "https", trust: true, wantCSP: security.DefaultCSP, wantHSTS: "max-age=31536000; includeSubDomains"},
		{name: "trusted proxy chain says https first", path: "/", forwarded: "HTTPS, http", trust: true, wantCSP: security.DefaultCSP, wantHSTS: "max-age=31536000; includeSubDomains"},
		{name: "trusted proxy says http", path: "/", forwarded: "http", trust: true, wantCSP: security.DefaultCSP},
		{name: "untrusted forwarded proto is ignored", path: "/", forwarded: "https", wantCSP: security.DefaultCSP},
		{name: "custom policy and max-age", path: "/x", tls: true, cfg: security.Headers{CSP: "default-src 'none'", HSTSMaxAge: time.Hour}, wantCSP: "default-src 'none'", wantHSTS: "max-age=3600; includeSubDomains"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, c.path, nil)
			if c.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if c.forwarded != "" {
				r.Header.Set("X-Forwarded-Proto", c.forwarded)
			}
			h := http.Header{}
			c.cfg.Apply(h, r, c.trust)

			want := map[string]string{
				"X-Content-Type-Options":     "nosniff",
				"X-Frame-Options":            "SAMEORIGIN",
				"Referrer-Policy":            "strict-origin-when-cross-origin",
				"Cross-Origin-Opener-Policy": "same-origin",
				"Content-Security-Policy":    c.wantCSP,
				"Strict-Transport-Security":  c.wantHSTS,
			}
			for k, v := range want {
				if got := h.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestSecurityDefaultCSPHasNoInlineScript(t *testing.T) {
	directives := map[string]string{}
	for _, d := range strings.Split(security.DefaultCSP, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for _, d := range []string{"script-src", "default-src"} {
		if strings.Contains(directives[d], "unsafe") {
			t.Errorf("%s allows %q", d, directives[d])
		}
	}
	checks := map[string]string{
		"script-src":      "'self'",
		"connect-src":     "'self'",
		"script-src-attr": "'none'",
		"object-src":      "'none'",
		"frame-ancestors": "'self'",
	}
	for d, want := range checks {
		if directives[d] != want {
			t.Errorf("%s = %q, want %q", d, directives[d], want)
		}
	}
}
