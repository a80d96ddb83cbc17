package triage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/analysis"
	"helpdesk/internal/gemini"
)

// analyze runs the primary analyzer and, when it fails, the fallback. It
// returns the result and the value of the tickets' analyzer field, for
// example "builtin (gemini failed: 503)". A ticket whose creator spent
// their budget of the primary goes to the fallback at once.
func (p *Pool) analyze(ctx context.Context, t *core.Record, in analysis.Input) (analysis.Result, string, error) {
	if p.primary == nil {
		res, err := analyzeClean(ctx, p.fallback, in)
		if err != nil {
			return analysis.Result{}, "", fmt.Errorf("triage: the analyzer failed: %w", err)
		}
		return res, p.fallback.Name(), nil
	}
	primary := primaryName(p.primary)
	spent, err := p.budgetSpent(t)
	if err != nil {
		return analysis.Result{}, "", err
	}
	if spent {
		res, err := analyzeClean(ctx, p.fallback, in)
		if err != nil {
			return analysis.Result{}, "", fmt.Errorf("triage: the fallback failed: %w", err)
		}
		return res, fmt.Sprintf("%s (%s budget spent)", p.fallback.Name(), primary), nil
	}
	res, err := analyzeClean(ctx, p.primary, in)
	if err == nil {
		return res, p.primary.Name(), nil
	}
	if ctx.Err() != nil {
		return analysis.Result{}, "", ctx.Err()
	}
	name := fmt.Sprintf("%s (%s failed: %s)", p.fallback.Name(), primary, causeOf(err))
	p.log.Warn("triage: the analyzer failed, falling back",
		slog.String("analyzer", p.primary.Name()), slog.String("fallback", p.fallback.Name()), slog.Any("error", err))
	if res, err = analyzeClean(ctx, p.fallback, in); err != nil {
		return analysis.Result{}, "", fmt.Errorf("triage: %s and the fallback failed: %w", primary, err)
	}
	return res, name, nil
}

// analyzeClean runs one analyzer and cleans its answer (analysis.Clean),
// the one place every answer is made to fit the tickets contract.
func analyzeClean(ctx context.Context, a analysis.Analyzer, in analysis.Input) (analysis.Result, error) {
	res, err := a.Analyze(ctx, in)
	if err != nil {
		return res, err
	}
	return analysis.Clean(res)
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
