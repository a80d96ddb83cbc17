package gemini

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"helpdesk/internal/analysis"
)

// The answer's JSON keys, as named in the response schema.
const (
	fieldPriority      = "priority"
	fieldSummary       = "summary"
	fieldHelpfulNotes  = "helpful_notes"
	fieldRelatedSkills = "related_skills"
	fieldResourceLinks = "resource_links"
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

// parseAnswer decodes the model's text; the triage cleans the result
// (analysis.Clean) like any analyzer's. Only an answer that is no JSON
// object of the schema's shape is malformed.
func parseAnswer(text string) (analysis.Result, error) {
	var a answer
	if err := json.Unmarshal([]byte(unfence(text)), &a); err != nil {
		return analysis.Result{}, fmt.Errorf("%w: %v", errMalformed, err)
	}
	return analysis.Result{
		Priority:      a.Priority,
		Summary:       a.Summary,
		HelpfulNotes:  a.HelpfulNotes,
		RelatedSkills: a.RelatedSkills,
		ResourceLinks: a.ResourceLinks,
	}, nil
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
