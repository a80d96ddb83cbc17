package builtin

import (
	"fmt"
	"strings"
)

// maxGuides is how many areas the notes cover.
const maxGuides = 3

// notes renders the moderator's Markdown: the priority reasoning, the areas
// and a checklist per area. Only vocabulary text is quoted, never the
// ticket's, so the notes cannot carry a ticket's Markdown or links.
func notes(p priorityResult, scored []skillScore) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Priority: %s.** %s\n", p.level, reasoning(p))
	fmt.Fprintf(&b, "\n**Impact:** %s.", impactLine(p))
	if p.ruleLevel != p.impactLevel {
		fmt.Fprintf(&b, " The tone of the ticket moved it to %s.", p.ruleLevel)
	}
	b.WriteString("\n")
	if len(p.reasons) > 0 {
		names := make([]string, len(p.reasons))
		for i, r := range p.reasons {
			names[i] = describe(r.key)
		}
		fmt.Fprintf(&b, "\n**Weighed most for %s:** %s.\n", p.level, strings.Join(names, "; "))
	}
	if len(scored) > 0 {
		names := make([]string, 0, len(scored))
		for i, s := range scored {
			if i == maxSkills {
				break
			}
			names = append(names, display(s.name))
		}
		fmt.Fprintf(&b, "\n**Areas:** %s.\n", joinNames(names))
	}
	for _, key := range guideKeys(p, scored) {
		g := guides[key]
		fmt.Fprintf(&b, "\n### %s\n- **Likely cause:** %s\n- **What to check:** %s\n- **Steps:**\n", g.title, upperFirst(g.cause), upperFirst(g.check))
		for i, s := range g.steps {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, s)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// reasoning explains which signals moved the priority.
func reasoning(p priorityResult) string {
	var up, down []string
	for _, s := range p.signals {
		where := ""
		if s.title {
			where = ", in the title"
		}
		if s.negated {
			where += ", negated"
		}
		item := fmt.Sprintf("%s (%q%s)", categories[s.cat].label, s.phrase, where)
		if s.weight > 0 {
			up = append(up, item)
		} else {
			down = append(down, item)
		}
	}
	var parts []string
	if len(up) > 0 {
		parts = append(parts, "Raised by: "+strings.Join(up, "; ")+".")
	}
	if len(down) > 0 {
		parts = append(parts, "Lowered by: "+strings.Join(down, "; ")+".")
	}
	if len(parts) == 0 {
		return "No urgency or impact signals in the text: default priority."
	}
	return strings.Join(parts, " ")
}

// guideKeys picks the checklists: incidents first (strongest signal
// first), then the kind of request, then the most relevant skills.
func guideKeys(p priorityResult, scored []skillScore) []string {
	var keys []string
	add := func(k string) {
		if _, ok := guides[k]; !ok || len(keys) == maxGuides {
			return
		}
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	for _, s := range p.signals {
		if s.weight >= 2 && !categories[s.cat].framing && s.cat != catCosmetic {
			add(incidentGuides[s.cat])
		}
	}
	// the kind of request (question, wish, polish) says more than its topic
	for _, s := range p.signals {
		if s.weight < 0 {
			add(incidentGuides[s.cat])
		}
	}
	for _, s := range scored {
		if s.vocab >= 0 && s.sure {
			add(vocabulary[s.vocab].name)
		}
	}
	if len(keys) == 0 {
		add("general")
	}
	return keys
}
