package triage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"helpdesk/internal/analysis"
	"helpdesk/internal/gemini"
)

// analyze runs the primary analyzer and, when it fails, the fallback. It
// returns the result and the value of the tickets' analyzer field, for
// example "builtin (gemini failed: 503)".
func (p *Pool) analyze(ctx context.Context, in analysis.Input) (analysis.Result, string, error) {
	if p.primary != nil {
		res, err := p.primary.Analyze(ctx, in)
		if err == nil {
			if res, err = analysis.Clean(res); err == nil {
				return res, p.primary.Name(), nil
			}
		}
		if ctx.Err() != nil {
			return analysis.Result{}, "", ctx.Err()
		}
		primary, _, _ := strings.Cut(p.primary.Name(), ":")
		name := fmt.Sprintf("%s (%s failed: %s)", p.fallback.Name(), primary, causeOf(err))
		p.log.Warn("triage: the analyzer failed, falling back",
			slog.String("analyzer", p.primary.Name()), slog.String("fallback", p.fallback.Name()), slog.Any("error", err))
		res, err = p.fallback.Analyze(ctx, in)
		if err == nil {
			res, err = analysis.Clean(res)
		}
		if err != nil {
			return analysis.Result{}, "", fmt.Errorf("triage: %s and the fallback failed: %w", primary, err)
		}
		return res, name, nil
	}
	res, err := p.fallback.Analyze(ctx, in)
	if err == nil {
		res, err = analysis.Clean(res)
	}
	if err != nil {
		return analysis.Result{}, "", fmt.Errorf("triage: the analyzer failed: %w", err)
	}
	return res, p.fallback.Name(), nil
}

// causeOf is the short reason of a primary analyzer's failure.
func causeOf(err error) string {
	var gerr *gemini.Error
	if errors.As(err, &gerr) {
		return gerr.Cause
	}
	var bad analysis.ErrInvalid
	if errors.As(err, &bad) {
		return "invalid answer"
	}
	return "error"
}
