// Package analysis defines what an analyzer reads from a ticket and what it
// returns; the builtin and Gemini analyzers implement Analyzer.
package analysis

import "context"

// Input is the ticket text, treated as data, plus the skills the team's
// moderators have (so an analyzer can name skills someone actually has).
type Input struct {
	Title       string
	Description string
	KnownSkills []string
}

// Result is an analysis. Priority is one of low|medium|high|critical;
// RelatedSkills are normalized skill names; ResourceLinks http(s) URLs.
type Result struct {
	Priority      string
	Summary       string
	HelpfulNotes  string
	RelatedSkills []string
	ResourceLinks []string
}

// Analyzer turns a ticket into a Result.
type Analyzer interface {
	// Name is stored in tickets.analyzer, e.g. "builtin" or "gemini:gemini-2.5-flash".
	Name() string
	Analyze(ctx context.Context, in Input) (Result, error)
}
