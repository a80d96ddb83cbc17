package gemini

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"helpdesk/internal/analysis"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// The answer's JSON keys, as named in the response schema.
const (
	fieldPriority      = "priority"
	fieldSummary       = "summary"
	fieldHelpfulNotes  = "helpful_notes"
	fieldRelatedSkills = "related_skills"
	fieldResourceLinks = "resource_links"
)

// Limits of an accepted answer, within the tickets schema's limits.
const (
	summaryMax = 2000
	notesMax   = 20000
	linksMax   = 10
)

// errMalformed marks an answer that does not fit the schema; it is retried
// like a server error.
var errMalformed = errors.New("malformed answer")

// answer is the model's JSON. Keys outside the schema (an "assigned_to"
// the ticket text talked the model into, say) are ignored.
type answer struct {
	Priority      string   `json:"priority"`
	Summary       string   `json:"summary"`
	HelpfulNotes  string   `json:"helpful_notes"`
	RelatedSkills []string `json:"related_skills"`
	ResourceLinks []string `json:"resource_links"`
}

// parseAnswer decodes and validates the model's text: the priority must be
// in the enum and the summary not empty; skills are normalized, links
// other than http(s) dropped, texts cut to the schema's limits.
func parseAnswer(text string) (analysis.Result, error) {
	var a answer
	if err := json.Unmarshal([]byte(unfence(text)), &a); err != nil {
		return analysis.Result{}, fmt.Errorf("%w: %v", errMalformed, err)
	}
	prio := strings.ToLower(strings.TrimSpace(a.Priority))
	if !slices.Contains(ticket.Priorities, prio) {
		return analysis.Result{}, fmt.Errorf("%w: priority %q is not one of %v", errMalformed, a.Priority, ticket.Priorities)
	}
	summary := strings.TrimSpace(a.Summary)
	if summary == "" {
		return analysis.Result{}, fmt.Errorf("%w: empty summary", errMalformed)
	}
	links := []string{}
	for _, l := range a.ResourceLinks {
		l = strings.TrimSpace(l)
		if ticket.IsWebURL(l) && !slices.Contains(links, l) && len(links) < linksMax {
			links = append(links, l)
		}
	}
	return analysis.Result{
		Priority:      prio,
		Summary:       truncate(summary, summaryMax),
		HelpfulNotes:  truncate(strings.TrimSpace(a.HelpfulNotes), notesMax),
		RelatedSkills: user.LenientSkills(a.RelatedSkills),
		ResourceLinks: links,
	}, nil
}

// truncate cuts s to at most n runes.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// unfence drops a Markdown code fence around the JSON, which some models
// add even when asked for application/json.
func unfence(text string) string {
	t := strings.TrimSpace(text)
	if rest, ok := strings.CutPrefix(t, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		if body, ok := strings.CutSuffix(strings.TrimSpace(rest), "```"); ok {
			return strings.TrimSpace(body)
		}
	}
	return t
}
