package triage_test

import (
	"strings"
	"testing"
	"time"

	"helpdesk/internal/triage"
)

// Not parallel: it sets environment variables.
func TestTriageConfigFromEnv(t *testing.T) {
	vars := []string{
		"TRIAGE_WORKERS", "TRIAGE_SWEEP_INTERVAL", "TRIAGE_MAX_ATTEMPTS", "TRIAGE_RETRY_DELAY",
		"TRIAGE_DUE_CRITICAL", "TRIAGE_DUE_HIGH", "TRIAGE_DUE_MEDIUM", "TRIAGE_DUE_LOW",
		"GEMINI_API_KEY", "GEMINI_MODEL", "GEMINI_BASE_URL", "GEMINI_MAX_ATTEMPTS", "GEMINI_TIMEOUT",
		"GEMINI_RETRY_BASE", "GEMINI_RETRY_MAX", "TRIAGE_SKILL_SYNONYMS",
	}
	cases := []struct {
		name    string
		env     map[string]string
		check   func(t *testing.T, c triage.Config)
		wantErr []string
	}{
		{name: "nothing set: defaults", check: func(t *testing.T, c triage.Config) {
			if c.Workers != 0 || c.Gemini.APIKey != "" || len(c.Due) != 0 {
				t.Errorf("config %+v, want the zero value (defaults)", c)
			}
		}},
		{name: "everything set", env: map[string]string{
			"TRIAGE_WORKERS": "8", "TRIAGE_SWEEP_INTERVAL": "1m", "TRIAGE_MAX_ATTEMPTS": "5", "TRIAGE_RETRY_DELAY": "2s",
			"TRIAGE_DUE_CRITICAL": "2h", "TRIAGE_DUE_HIGH": "12h", "TRIAGE_DUE_MEDIUM": "48h", "TRIAGE_DUE_LOW": "336h",
			"GEMINI_API_KEY": "key", "GEMINI_MODEL": "gemini-2.5-pro", "GEMINI_BASE_URL": "https://proxy.example.com/",
			"GEMINI_MAX_ATTEMPTS": "6", "GEMINI_TIMEOUT": "45s", "GEMINI_RETRY_BASE": "500ms", "GEMINI_RETRY_MAX": "1m",
		}, check: func(t *testing.T, c triage.Config) {
			if c.Workers != 8 || c.SweepInterval != time.Minute || c.MaxAttempts != 5 || c.RetryDelay != 2*time.Second {
				t.Errorf("pool config %+v", c)
			}
			if c.Due["critical"] != 2*time.Hour || c.Due["high"] != 12*time.Hour || c.Due["medium"] != 48*time.Hour || c.Due["low"] != 336*time.Hour {
				t.Errorf("due %v", c.Due)
			}
			g := c.Gemini
			if g.APIKey != "key" || g.Model != "gemini-2.5-pro" || g.BaseURL != "https://proxy.example.com/" || g.MaxAttempts != 6 ||
				g.AttemptTimeout != 45*time.Second || g.RetryBase != 500*time.Millisecond || g.RetryMax != time.Minute {
				t.Errorf("gemini config %+v", g)
			}
		}},
		{name: "malformed values are named", env: map[string]string{
			"TRIAGE_WORKERS": "four", "TRIAGE_DUE_HIGH": "1 day", "GEMINI_BASE_URL": "proxy:8080", "GEMINI_TIMEOUT": "-1s", "TRIAGE_MAX_ATTEMPTS": "0",
			"TRIAGE_SKILL_SYNONYMS": "/nonexistent/synonyms.json",
		}, wantErr: []string{"TRIAGE_WORKERS", "TRIAGE_DUE_HIGH", "GEMINI_BASE_URL", "GEMINI_TIMEOUT", "TRIAGE_MAX_ATTEMPTS", "TRIAGE_SKILL_SYNONYMS"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range vars {
				t.Setenv(v, c.env[v])
			}
			cfg, err := triage.ConfigFromEnv()
			if len(c.wantErr) > 0 {
				if err == nil {
					t.Fatal("no error")
				}
				for _, name := range c.wantErr {
					if !strings.Contains(err.Error(), name) {
						t.Errorf("error %q does not name %s", err, name)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, cfg)
		})
	}
}
