package gemini

import (
	"helpdesk/internal/config"

	"log/slog"
	"net/http"
	"time"
)

// Config configures the Gemini analyzer. The zero value of every field but
// APIKey means the documented default; tests shorten the delays.
type Config struct {
	// APIKey is the Gemini API key (GEMINI_API_KEY). Required.
	APIKey string

	// Model is the model name (GEMINI_MODEL). Default gemini-2.5-flash.
	Model string

	// BaseURL replaces the API's base URL (GEMINI_BASE_URL), for a proxy or
	// a fake server in tests. Default: the genai client's own.
	BaseURL string

	// MaxAttempts bounds the calls made for one analysis, the first one
	// included (GEMINI_MAX_ATTEMPTS). Default 4.
	MaxAttempts int

	// AttemptTimeout bounds one call (GEMINI_TIMEOUT). Default 30s.
	AttemptTimeout time.Duration

	// RetryBase is the delay after the first failed attempt; it doubles
	// with every further failure, with jitter (GEMINI_RETRY_BASE).
	// Default 1s.
	RetryBase time.Duration

	// RetryMax caps the delay between two attempts (GEMINI_RETRY_MAX). A
	// Retry-After longer than this ends the retries at once: the builtin
	// analyzer takes over rather than holding a worker. Default 30s.
	RetryMax time.Duration

	// HTTPClient sends the requests. Default: a client on
	// http.DefaultTransport.
	HTTPClient *http.Client

	// Logger receives one line per failed attempt. Default slog.Default().
	Logger *slog.Logger
}

// Defaults of Config.
const (
	DefaultModel          = "gemini-2.5-flash"
	DefaultMaxAttempts    = 4
	DefaultAttemptTimeout = 30 * time.Second
	DefaultRetryBase      = time.Second
	DefaultRetryMax       = 30 * time.Second
)

// withDefaults fills the zero fields with their defaults.
func (c Config) withDefaults() Config {
	if c.Model == "" {
		c.Model = DefaultModel
	}
	config.Default(&c.MaxAttempts, DefaultMaxAttempts)
	config.Default(&c.AttemptTimeout, DefaultAttemptTimeout)
	config.Default(&c.RetryBase, DefaultRetryBase)
	config.Default(&c.RetryMax, DefaultRetryMax)
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{}
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
