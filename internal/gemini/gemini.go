// Package gemini is the analyzer backed by Google's Gemini through the
// genai client: structured output with the priority enum, the ticket sent
// as quoted data beside a separate system instruction, the answer
// validated, failures retried with backoff a bounded number of times.
package gemini

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"google.golang.org/genai"

	"helpdesk/internal/analysis"
	"helpdesk/internal/worker"
)

// Analyzer analyses tickets with Gemini. It is safe for concurrent use.
type Analyzer struct {
	cfg    Config
	client *genai.Client
	gen    *genai.GenerateContentConfig
}

// New returns an analyzer for cfg. It makes no network call.
func New(cfg Config) (*Analyzer, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("gemini: an API key is required")
	}
	cfg = cfg.withDefaults()
	httpClient := *cfg.HTTPClient
	base := httpClient.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	httpClient.Transport = retryAfterTransport{base: base}

	cc := &genai.ClientConfig{
		APIKey:     cfg.APIKey,
		Backend:    genai.BackendGeminiAPI,
		HTTPClient: &httpClient,
		// genai's own retries stay off (nil RetryOptions): ours count the
		// attempts, honour Retry-After and fall back in time
		HTTPOptions: genai.HTTPOptions{BaseURL: cfg.BaseURL},
	}
	client, err := genai.NewClient(context.Background(), cc)
	if err != nil {
		return nil, fmt.Errorf("gemini: unable to create the client: %w", err)
	}
	return &Analyzer{
		cfg:    cfg,
		client: client,
		gen: &genai.GenerateContentConfig{
			SystemInstruction: genai.NewContentFromText(systemInstruction, genai.RoleUser),
			Temperature:       genai.Ptr[float32](0.2),
			ResponseMIMEType:  "application/json",
			ResponseSchema:    responseSchema(),
		},
	}, nil
}

// Name implements analysis.Analyzer: "gemini:" and the model.
func (a *Analyzer) Name() string { return "gemini:" + a.cfg.Model }

// Analyze implements analysis.Analyzer. It retries 429, 5xx, timeouts,
// transport errors and malformed answers with backoff, at most
// MaxAttempts calls; its final failure is an *Error. It returns ctx's
// error as soon as ctx is done.
func (a *Analyzer) Analyze(ctx context.Context, in analysis.Input) (analysis.Result, error) {
	contents, err := userContent(in)
	if err != nil {
		return analysis.Result{}, fmt.Errorf("gemini: unable to encode the ticket: %w", err)
	}
	for attempt := 1; ; attempt++ {
		res, f, ok := a.attempt(ctx, contents)
		if ok {
			return res, nil
		}
		if ctx.Err() != nil {
			return analysis.Result{}, ctx.Err()
		}
		final := &Error{Cause: f.cause, Attempts: attempt, Err: f.err}
		if !f.retryable || attempt >= a.cfg.MaxAttempts || f.retryAfter > a.cfg.RetryMax {
			return analysis.Result{}, final
		}
		wait := max(worker.Backoff(attempt, a.cfg.RetryBase, a.cfg.RetryMax, worker.Below), f.retryAfter)
		a.cfg.Logger.Warn("gemini: attempt failed, retrying",
			slog.String("cause", f.cause), slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.Any("error", f.err))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return analysis.Result{}, ctx.Err()
		case <-t.C:
		}
	}
}

// attempt makes one call within the per-attempt timeout.
func (a *Analyzer) attempt(ctx context.Context, contents *genai.Content) (analysis.Result, failure, bool) {
	attemptCtx, cancel := context.WithTimeout(ctx, a.cfg.AttemptTimeout)
	defer cancel()
	attemptCtx, hint := withRetryHint(attemptCtx)
	resp, err := a.client.Models.GenerateContent(attemptCtx, a.cfg.Model, []*genai.Content{contents}, a.gen)
	if err == nil {
		var res analysis.Result
		if res, err = parseAnswer(resp.Text()); err == nil {
			return res, failure{}, true
		}
	}
	return analysis.Result{}, classify(attemptCtx, err, hint), false
}
