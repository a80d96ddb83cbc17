package gemini

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/genai"
)

// genai's APIError carries the error body but not the response headers, so
// the Retry-After header is caught on its way through the transport and
// handed to the attempt that made the request, through its context.

// retryHint holds the server's requested delay for one attempt.
type retryHint struct {
	mu    sync.Mutex
	after time.Duration
}

func (h *retryHint) set(d time.Duration) {
	h.mu.Lock()
	h.after = d
	h.mu.Unlock()
}

func (h *retryHint) get() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.after
}

type retryHintKey struct{}

// withRetryHint returns ctx carrying a fresh hint for one attempt.
func withRetryHint(ctx context.Context) (context.Context, *retryHint) {
	h := &retryHint{}
	return context.WithValue(ctx, retryHintKey{}, h), h
}

// retryAfterTransport records the Retry-After of failed responses in the
// request's hint.
type retryAfterTransport struct {
	base http.RoundTripper
}

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil || res.StatusCode < 400 {
		return res, err
	}
	if d, ok := parseRetryAfter(res.Header.Get("Retry-After"), time.Now()); ok {
		if h, _ := req.Context().Value(retryHintKey{}).(*retryHint); h != nil {
			h.set(d)
		}
	}
	return res, err
}

// parseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(secs)*time.Second, 0), secs >= 0
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// retryInfoDelay reads the delay of a google.rpc.RetryInfo error detail,
// which Gemini's 429 answers carry ("retryDelay": "17s").
func retryInfoDelay(e genai.APIError) (time.Duration, bool) {
	for _, d := range e.Details {
		if t, _ := d["@type"].(string); !strings.HasSuffix(t, "google.rpc.RetryInfo") {
			continue
		}
		if s, ok := d["retryDelay"].(string); ok {
			if dur, err := time.ParseDuration(s); err == nil && dur >= 0 {
				return dur, true
			}
		}
	}
	return 0, false
}
