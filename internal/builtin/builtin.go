// Package builtin is the local, deterministic analyzer used without a
// Gemini key and as Gemini's fallback.
package builtin

import (
	"context"

	"helpdesk/internal/analysis"
)

// Analyzer is the builtin analyzer. The zero value is not usable; use New.
type Analyzer struct{}

// New returns the builtin analyzer.
func New() *Analyzer { return &Analyzer{} }

// Name implements analysis.Analyzer.
func (a *Analyzer) Name() string { return "builtin" }

// Analyze implements analysis.Analyzer.
// TODO(builtin analyzer issue #3): replaced by the real rule set.
func (a *Analyzer) Analyze(ctx context.Context, in analysis.Input) (analysis.Result, error) {
	return analysis.Result{Priority: "medium", Summary: in.Title}, nil
}
