package triage

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/analysis"
	"helpdesk/internal/assign"
	"helpdesk/internal/builtin"
	"helpdesk/internal/config"
	"helpdesk/internal/gemini"
	"helpdesk/internal/ticket"
)

// Config configures the triage pipeline. The zero value of every field
// means the documented default: the builtin analyzer, 4 workers.
type Config struct {
	// Workers is how many tickets are triaged at once (TRIAGE_WORKERS).
	// Default 4.
	Workers int

	// SweepInterval is how often the queue is looked at when nothing wakes
	// the pool: tickets requeued by another process (`helpdesk triage
	// retry`) or whose earlier run broke off (TRIAGE_SWEEP_INTERVAL).
	// Default 10s.
	SweepInterval time.Duration

	// MaxAttempts is how many times the pipeline runs for a ticket whose
	// run fails (a save refused, the database unavailable) before the
	// ticket is marked failed (TRIAGE_MAX_ATTEMPTS). Default 3.
	MaxAttempts int

	// RetryDelay is the pause between two such runs (TRIAGE_RETRY_DELAY).
	// Default 5s.
	RetryDelay time.Duration

	// Due is how long after its creation a ticket of each priority is due
	// (TRIAGE_DUE_CRITICAL, _HIGH, _MEDIUM, _LOW). A missing entry means
	// its default: critical 4h, high 24h, medium 72h, low 168h.
	Due map[string]time.Duration

	// Gemini configures the Gemini analyzer, used when its APIKey is set
	// (GEMINI_API_KEY, GEMINI_MODEL, GEMINI_BASE_URL, GEMINI_MAX_ATTEMPTS,
	// GEMINI_TIMEOUT, GEMINI_RETRY_BASE, GEMINI_RETRY_MAX).
	Gemini gemini.Config

	// GeminiDailyBudgetPerUser is how many of one plain user's tickets
	// the primary analyzer (Gemini) reads in 24 hours; their later
	// tickets go to the fallback, recorded as "builtin (gemini budget
	// spent)" (GEMINI_DAILY_BUDGET_PER_USER). Staff tickets are not
	// counted. Default 20.
	GeminiDailyBudgetPerUser int

	// Analyzer replaces the primary analyzer (Gemini or builtin); for
	// tests and other backends. Default: Gemini with a key, else builtin.
	Analyzer analysis.Analyzer

	// Fallback takes over when the primary analyzer fails. Default builtin.
	Fallback analysis.Analyzer

	// Builtin extends the builtin analyzer's vocabulary: Synonyms is read
	// from the JSON file TRIAGE_SKILL_SYNONYMS names. Default: none.
	Builtin builtin.Options

	// Routing tunes who a triaged ticket goes to (ROUTING_SLACK; set by
	// hooks.Setup from hooks.Config.Routing).
	Routing assign.Config

	// Logger receives the pipeline's logs. Default: the app's logger.
	Logger *slog.Logger
}

// Defaults of Config.
const (
	DefaultWorkers       = 4
	DefaultSweepInterval = 10 * time.Second
	DefaultMaxAttempts   = 3
	DefaultRetryDelay    = 5 * time.Second
	// DefaultGeminiDailyBudgetPerUser matches the default ticket creation
	// limit of one hour: a user's ordinary day fits, a flood does not.
	DefaultGeminiDailyBudgetPerUser = 20
)

// defaultDue is how long after creation a ticket is due, per priority.
var defaultDue = map[string]time.Duration{
	ticket.PriorityCritical: 4 * time.Hour,
	ticket.PriorityHigh:     24 * time.Hour,
	ticket.PriorityMedium:   72 * time.Hour,
	ticket.PriorityLow:      168 * time.Hour,
}

// DefaultDue is how long after creation a ticket of the priority is due
// when Config.Due does not say (0 for an unknown priority).
func DefaultDue(priority string) time.Duration {
	return defaultDue[priority]
}

// withDefaults fills the zero fields with their defaults.
func (c Config) withDefaults() Config {
	config.Default(&c.Workers, DefaultWorkers)
	config.Default(&c.SweepInterval, DefaultSweepInterval)
	config.Default(&c.MaxAttempts, DefaultMaxAttempts)
	config.Default(&c.RetryDelay, DefaultRetryDelay)
	config.Default(&c.GeminiDailyBudgetPerUser, DefaultGeminiDailyBudgetPerUser)
	due := make(map[string]time.Duration, len(defaultDue))
	for p, d := range defaultDue {
		due[p] = d
		if v, ok := c.Due[p]; ok && v > 0 {
			due[p] = v
		}
	}
	c.Due = due
	return c
}

// ConfigFromEnv reads the configuration from the environment. Unset
// variables keep their defaults; a malformed value is an error naming it.
func ConfigFromEnv() (Config, error) {
	var c Config
	var errs []error
	intVar := func(name string, dst *int) {
		if v, ok := os.LookupEnv(name); ok && v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				errs = append(errs, fmt.Errorf("%s=%q: must be a whole number of at least 1", name, v))
				return
			}
			*dst = n
		}
	}
	durationVar := func(name string, dst *time.Duration) {
		if v, ok := os.LookupEnv(name); ok && v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				errs = append(errs, fmt.Errorf("%s=%q: must be a positive duration such as 30s, 4h or 1h30m", name, v))
				return
			}
			*dst = d
		}
	}

	intVar("TRIAGE_WORKERS", &c.Workers)
	durationVar("TRIAGE_SWEEP_INTERVAL", &c.SweepInterval)
	intVar("TRIAGE_MAX_ATTEMPTS", &c.MaxAttempts)
	durationVar("TRIAGE_RETRY_DELAY", &c.RetryDelay)
	c.Due = map[string]time.Duration{}
	for _, p := range ticket.Priorities {
		var d time.Duration
		durationVar("TRIAGE_DUE_"+strings.ToUpper(p), &d)
		if d > 0 {
			c.Due[p] = d
		}
	}

	c.Gemini.APIKey = os.Getenv("GEMINI_API_KEY")
	c.Gemini.Model = os.Getenv("GEMINI_MODEL")
	c.Gemini.BaseURL = os.Getenv("GEMINI_BASE_URL")
	if b := c.Gemini.BaseURL; b != "" {
		if u, err := url.Parse(b); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("GEMINI_BASE_URL=%q: must be an http(s) URL such as https://proxy.example.com/", b))
		}
	}
	if path := os.Getenv("TRIAGE_SKILL_SYNONYMS"); path != "" {
		syn, err := builtin.LoadSynonyms(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("TRIAGE_SKILL_SYNONYMS=%q: %w", path, err))
		}
		c.Builtin.Synonyms = syn
	}
	intVar("GEMINI_MAX_ATTEMPTS", &c.Gemini.MaxAttempts)
	durationVar("GEMINI_TIMEOUT", &c.Gemini.AttemptTimeout)
	durationVar("GEMINI_RETRY_BASE", &c.Gemini.RetryBase)
	durationVar("GEMINI_RETRY_MAX", &c.Gemini.RetryMax)
	intVar("GEMINI_DAILY_BUDGET_PER_USER", &c.GeminiDailyBudgetPerUser)

	if len(errs) > 0 {
		return Config{}, fmt.Errorf("triage: invalid configuration: %w", errors.Join(errs...))
	}
	return c, nil
}
