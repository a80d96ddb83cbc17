package builtin

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// summaryMax bounds the summary, in characters.
const summaryMax = 220

// greetings open a message without saying anything about the problem.
var greetings = []string{
	"hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "greetings",
	"hope you", "i hope", "thanks", "thank you", "regards", "best regards", "cheers", "sorry to bother",
	"to whom it may concern", "hiya", "howdy", "yo",
}

// summarize builds one or two sentences: the area, the title and the first
// meaningful sentence of the description. It is plain text from the ticket,
// never empty.
func summarize(area, title, description string) string {
	title = strings.TrimRight(cleanLine(title), " .:;,-")
	first := firstSentence(description)
	var b strings.Builder
	b.WriteString(area)
	b.WriteString(": ")
	switch {
	case title == "" && first == "":
		b.WriteString("no details were given.")
	case title == "":
		b.WriteString(first)
	default:
		b.WriteString(title)
		if !strings.ContainsAny(title[len(title)-1:], ".!?") {
			b.WriteString(".")
		}
		if first != "" && !strings.Contains(strings.ToLower(first), strings.ToLower(title)) {
			b.WriteString(" ")
			b.WriteString(first)
		}
	}
	return truncate(b.String(), summaryMax)
}

// firstSentence returns the first sentence of the description that says
// something: greetings and fragments are skipped.
func firstSentence(description string) string {
	fallback := ""
	for line := range strings.Lines(description) {
		// a summary sentence is short; do not clean a 20,000-character line
		line = cleanLine(strings.ToValidUTF8(line[:min(len(line), 4*summaryMax)], ""))
		for line != "" {
			s, rest := splitSentence(line)
			line = rest
			s = dropGreeting(s)
			if len(strings.Fields(s)) >= 3 {
				return s
			}
			if fallback == "" {
				fallback = s
			}
		}
	}
	return fallback
}

// splitSentence cuts at the first ". ", "! " or "? ".
func splitSentence(s string) (string, string) {
	for i := 0; i < len(s)-1; i++ {
		if strings.ContainsRune(".!?", rune(s[i])) && s[i+1] == ' ' {
			return strings.TrimSpace(s[:i+1]), strings.TrimSpace(s[i+1:])
		}
	}
	return strings.TrimSpace(s), ""
}

// dropGreeting removes "Hi team," from "Hi team, the site is down." and
// returns "" for a sentence that is only a greeting.
func dropGreeting(s string) string {
	lower := strings.ToLower(s)
	for _, g := range greetings {
		if !strings.HasPrefix(lower, g) || len(lower) > len(g) && isLetter(lower[len(g)]) {
			continue
		}
		cut := strings.IndexAny(s, ",!.")
		if cut < 0 || len(strings.Fields(s[:cut])) > 4 {
			if len(strings.Fields(s)) <= 6 {
				return ""
			}
			return s
		}
		return upperFirst(strings.TrimSpace(s[cut+1:]))
	}
	return s
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// cleanLine collapses whitespace and strips Markdown list and heading marks.
func cleanLine(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	return strings.TrimLeft(s, "#>*-+• ")
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// truncate shortens s to at most max characters at a word boundary.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)[:max-1]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}
