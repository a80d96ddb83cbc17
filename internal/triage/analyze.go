package triage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/analysis"
	"helpdesk/internal/gemini"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// analyze runs the primary analyzer and, when it fails, the fallback. It
// returns the result and the value of the tickets' analyzer field, for
// example "builtin (gemini failed: 503)". A ticket whose creator spent
// their budget of the primary goes to the fallback at once.
func (p *Pool) analyze(ctx context.Context, t *core.Record, in analysis.Input) (analysis.Result, string, error) {
	if p.primary != nil {
		spent, err := p.budgetSpent(t)
		if err != nil {
			return analysis.Result{}, "", err
		}
		if spent {
			res, err := p.fallback.Analyze(ctx, in)
			if err == nil {
				res, err = clean(res)
			}
			if err != nil {
				return analysis.Result{}, "", fmt.Errorf("triage: the fallback failed: %w", err)
			}
			return res, fmt.Sprintf("%s (%s budget spent)", p.fallback.Name(), primaryName(p.primary)), nil
		}
	}
	if p.primary != nil {
		res, err := p.primary.Analyze(ctx, in)
		if err == nil {
			if res, err = clean(res); err == nil {
				return res, p.primary.Name(), nil
			}
		}
		if ctx.Err() != nil {
			return analysis.Result{}, "", ctx.Err()
		}
		primary := primaryName(p.primary)
		name := fmt.Sprintf("%s (%s failed: %s)", p.fallback.Name(), primary, causeOf(err))
		p.log.Warn("triage: the analyzer failed, falling back",
			slog.String("analyzer", p.primary.Name()), slog.String("fallback", p.fallback.Name()), slog.Any("error", err))
		res, err = p.fallback.Analyze(ctx, in)
		if err == nil {
			res, err = clean(res)
		}
		if err != nil {
			return analysis.Result{}, "", fmt.Errorf("triage: %s and the fallback failed: %w", primary, err)
		}
		return res, name, nil
	}
	res, err := p.fallback.Analyze(ctx, in)
	if err == nil {
		res, err = clean(res)
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
	var bad errInvalidResult
	if errors.As(err, &bad) {
		return "invalid answer"
	}
	return "error"
}

// errInvalidResult is an analysis the tickets schema would refuse.
type errInvalidResult struct{ reason string }

func (e errInvalidResult) Error() string { return "invalid analysis: " + e.reason }

// clean makes any analyzer's result fit the tickets schema: the priority
// must be valid; skills are normalized and links not http(s) dropped, as
// the contract asks of every analyzer.
func clean(r analysis.Result) (analysis.Result, error) {
	if !slices.Contains(ticket.Priorities, r.Priority) {
		return r, errInvalidResult{fmt.Sprintf("priority %q", r.Priority)}
	}
	if strings.TrimSpace(r.Summary) == "" {
		return r, errInvalidResult{"empty summary"}
	}
	r.RelatedSkills = user.LenientSkills(r.RelatedSkills)
	links := []string{}
	for _, l := range r.ResourceLinks {
		if ticket.IsWebURL(l) && !slices.Contains(links, l) && len(links) < 10 {
			links = append(links, l)
		}
	}
	r.ResourceLinks = links
	return r, nil
}
