package builtin

import (
	"strings"

	"helpdesk/internal/ticket"
)

// resource_links hold the ticket's own links first, then documentation of
// the most relevant areas, within what an analysis may give.
const (
	maxDocLinks    = 3
	maxTicketLinks = ticket.AnalysisLinksMax - maxDocLinks
	docSkills      = 3
)

// links returns the http(s) URLs written in the ticket, then official
// documentation of the top skills; anything that is no web URL is dropped.
func links(text string, scored []skillScore) []string {
	out := make([]string, 0, 6)
	seen := map[string]bool{}
	add := func(u string) {
		if !seen[u] && ticket.IsWebURL(u) {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range ticketURLs(text) {
		if len(out) == maxTicketLinks {
			break
		}
		add(u)
	}
	docs := 0
	for i, s := range scored {
		if i == docSkills || s.vocab < 0 {
			break
		}
		if !s.sure {
			// an area the model only guesses at gets no reading list
			continue
		}
		for _, u := range vocabulary[s.vocab].docs {
			if docs < maxDocLinks && !seen[u] {
				add(u)
				docs++
			}
		}
	}
	return out
}

// ticketURLs finds the http(s) URLs in text, without the punctuation that
// ends the sentence or the Markdown around them.
func ticketURLs(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if !hasPrefixFold(text[i:], "http://") && !hasPrefixFold(text[i:], "https://") {
			continue
		}
		end := i
		for end < len(text) && !strings.ContainsRune(" \t\r\n<>\"'`", rune(text[end])) {
			end++
		}
		out = append(out, trimURL(text[i:end]))
		i = end
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// trimURL drops trailing punctuation and unbalanced closing brackets:
// "(see https://x.io/a)." → "https://x.io/a".
func trimURL(u string) string {
	for u != "" {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?*_~", last) >= 0:
			u = u[:len(u)-1]
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"),
			last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
			u = u[:len(u)-1]
		default:
			return u
		}
	}
	return u
}
