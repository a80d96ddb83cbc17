package builtin

import (
	"strings"
	"unicode"
)

// segment is a run of a description that is either prose or machine text
// (code, logs, stack traces, query plans, protocol dumps). Machine text may
// name a skill ("java.lang.NullPointerException" names Java) but its words
// never fire a priority signal: "ERROR", "lost" or "denied" in a log line is
// what a program printed, not what the writer reports.
type segment struct {
	text    string
	machine bool
}

// segments splits a description into prose and machine text: fenced
// blocks, inline code spans and lines that look like logs or stack frames.
// Pieces come in order, a line or less each; neighbours may share a kind.
func segments(s string) []segment {
	var out []segment
	add := func(text string, machine bool) {
		if text != "" {
			out = append(out, segment{text: text, machine: machine})
		}
	}
	fenced := false
	for line := range strings.Lines(s) {
		if strings.HasPrefix(strings.TrimSpace(line), "```") || strings.HasPrefix(strings.TrimSpace(line), "~~~") {
			fenced = !fenced
			add("\n", true)
			continue
		}
		if fenced || machineLine(line) {
			add(line, true)
			continue
		}
		// inline code: `kubectl get pods` is machine text inside prose
		for {
			i := strings.IndexByte(line, '`')
			j := -1
			if i >= 0 {
				j = strings.IndexByte(line[i+1:], '`')
			}
			if j < 0 {
				add(line, false)
				break
			}
			add(line[:i]+" ", false)
			add(line[i+1:i+1+j]+"\n", true)
			line = " " + line[i+2+j:]
		}
	}
	return out
}

// logLevels open or tag a log line when written in capitals. "CRITICAL"
// and "WARNING" are absent: people open sentences with them too.
var logLevels = []string{"ERROR", "WARN", "INFO", "DEBUG", "FATAL", "TRACE", "PANIC", "NOTICE", "SEVERE"}

// machineLine tells a line a program printed from a line a person wrote.
func machineLine(line string) bool {
	t := strings.TrimRight(line, "\r\n")
	if strings.HasPrefix(t, "    ") || strings.HasPrefix(t, "\t") {
		return strings.TrimSpace(t) != ""
	}
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	switch {
	case strings.HasPrefix(t, "at ") && strings.ContainsAny(t, "(:") && !strings.Contains(t, " the "),
		strings.HasPrefix(t, "File \""), strings.HasPrefix(t, "Traceback ("), strings.HasPrefix(t, "goroutine "),
		strings.HasPrefix(t, "$ "), strings.HasPrefix(t, "# ") && strings.Contains(t, "/"),
		strings.HasPrefix(t, "->"), strings.HasPrefix(t, "#0 "), strings.HasPrefix(t, "Caused by: "):
		return true
	}
	if startsWithTimestamp(t) {
		return true
	}
	for _, lv := range logLevels {
		if strings.HasPrefix(t, lv+" ") || strings.HasPrefix(t, lv+":") || strings.HasPrefix(t, "["+lv) ||
			strings.Contains(t, " "+lv+" ") && strings.ContainsAny(t[:min(len(t), 40)], "0123456789") {
			return true
		}
	}
	// key=value pairs and symbol-heavy lines: query plans, headers, dumps;
	// one query string in a sentence ("opens /orders?a=1&b=2, they see")
	// is a path the writer quotes, not a dump
	if keyValueFields(t) >= 2 && !strings.Contains(t, " = ") {
		return true
	}
	return len(t) >= 24 && letterShare(t) < 0.55
}

// startsWithTimestamp spots "2026-03-02T10:14:22Z", "10:14:22.123" and
// "[02/Mar/2026:10:14:22".
func startsWithTimestamp(t string) bool {
	t = strings.TrimLeft(t, "[")
	if len(t) < 8 {
		return false
	}
	digits := 0
	for _, r := range t[:8] {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	head := t[:min(len(t), 24)]
	return digits >= 6 || digits >= 4 && strings.Count(head, ":") >= 2
}

// letterShare is the share of letters and spaces among a line's characters.
func letterShare(t string) float64 {
	var letters, all int
	for _, r := range t {
		all++
		if unicode.IsLetter(r) || r == ' ' {
			letters++
		}
	}
	return float64(letters) / float64(all)
}

// keyValueFields counts the space-separated fields holding a "=".
func keyValueFields(t string) int {
	n := 0
	for _, f := range strings.Fields(t) {
		if strings.Contains(f, "=") {
			n++
		}
	}
	return n
}
