package analysis

import (
	"fmt"
	"slices"
	"strings"

	"helpdesk/internal/text"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// ErrInvalid is an analysis that cannot be made to fit the tickets
// contract: a priority outside the enum or an empty summary.
type ErrInvalid struct{ Reason string }

func (e ErrInvalid) Error() string { return "invalid analysis: " + e.Reason }

// Clean makes any analyzer's answer fit the tickets contract, once, in the
// triage: the priority must be valid (case and spaces forgiven) and the
// summary not empty; texts are cut to the fields' limits, skills normalized
// and capped, links other than http(s) and duplicates dropped.
func Clean(r Result) (Result, error) {
	r.Priority = strings.ToLower(strings.TrimSpace(r.Priority))
	if !slices.Contains(ticket.Priorities, r.Priority) {
		return r, ErrInvalid{fmt.Sprintf("priority %q", r.Priority)}
	}
	r.Summary = text.Truncate(strings.TrimSpace(r.Summary), ticket.SummaryMax)
	if r.Summary == "" {
		return r, ErrInvalid{"empty summary"}
	}
	r.HelpfulNotes = text.Truncate(strings.TrimSpace(r.HelpfulNotes), ticket.HelpfulNotesMax)
	r.RelatedSkills = user.LenientSkills(r.RelatedSkills)
	if len(r.RelatedSkills) > ticket.AnalysisSkillsMax {
		r.RelatedSkills = r.RelatedSkills[:ticket.AnalysisSkillsMax]
	}
	links := []string{}
	for _, l := range r.ResourceLinks {
		l = strings.TrimSpace(l)
		if ticket.IsWebURL(l) && !slices.Contains(links, l) && len(links) < ticket.AnalysisLinksMax {
			links = append(links, l)
		}
	}
	r.ResourceLinks = links
	return r, nil
}
