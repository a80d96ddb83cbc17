package builtin

import (
	"fmt"
	"strings"

	"helpdesk/internal/ticket"
)

// impactPart is one part of a ticket's impact, as docs/triage.md defines
// them: who is affected, what is broken, whether there is a workaround,
// what data or security is exposed, and how near a deadline is.
type impactPart int

const (
	partNone impactPart = iota
	partWho
	partWhat
	partWorkaround
	partExposure
	partDeadline
	partCount
)

var partLabels = [partCount]string{partWho: "who", partWhat: "what", partWorkaround: "workaround", partExposure: "exposure", partDeadline: "deadline"}

// levelWithTone applies the tone (urgency, calm, questions, wishes,
// requests) to the level the stated impact gives. Tone never overrules a
// stated impact: a critical impact stays critical however politely it is
// asked, a cosmetic one stays low however loudly. A high impact comes down
// one level only when the writer says it can wait; a medium one, where the
// text states little, moves one level either way, but up only when a
// problem is stated and it is not cosmetic: "urgent" alone states none.
func levelWithTone(impactLevel string, combined float64, severe, calm, problem, cosmetic bool) string {
	withTone := priorityLevel(combined, severe)
	up, down := level(withTone) > level(impactLevel) && problem && !cosmetic, level(withTone) < level(impactLevel)
	switch impactLevel {
	case ticket.PriorityCritical, ticket.PriorityLow:
		return impactLevel
	case ticket.PriorityHigh:
		switch {
		case down && calm:
			return ticket.PriorityMedium
		case up:
			return withTone
		}
		return impactLevel
	}
	switch {
	case up:
		return ticket.PriorityHigh
	case down:
		return ticket.PriorityLow
	}
	return impactLevel
}

// level is the rank of a priority, low first.
func level(p string) int {
	for i, q := range ticket.Priorities {
		if q == p {
			return i
		}
	}
	return -1
}

// impactLine renders the parts of the impact for the staff notes, e.g.
// "who: wide scope ("nobody"); what: outage ("white page"); workaround:
// none stated; exposure: none stated; deadline: none stated → critical".
func impactLine(p priorityResult) string {
	var found [partCount][]string
	for _, s := range p.signals {
		info := categories[s.cat]
		if info.part == partNone {
			continue
		}
		sign := ""
		if s.negated {
			sign = "not "
		}
		found[info.part] = append(found[info.part], fmt.Sprintf("%s%s (%q)", sign, info.label, s.phrase))
	}
	parts := make([]string, 0, partCount)
	for part := partWho; part < partCount; part++ {
		v := "none stated"
		if len(found[part]) > 0 {
			v = strings.Join(found[part], ", ")
		}
		parts = append(parts, partLabels[part]+": "+v)
	}
	return strings.Join(parts, "; ") + " → " + p.impactLevel
}
