package builtin

import (
	"strconv"
	"strings"
)

// Weights of a stated deadline: within a day, or within the week.
const (
	deadlineNear = 2.5
	deadlineSoon = 1.5
)

// nearWords name a moment within about a day whatever precedes them.
var nearWords = stemSet("tomorrow", "tonight", "eod", "midnight")

// whenWords name a moment that is a deadline only when something marks it
// as one: "Monday" in "since Monday" is past, in "starts Monday" ahead.
var whenWords = stemSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
	"noon", "week", "weekend", "month-end", "month", "quarter", "year-end")

// aheadWords mark what follows them, or the clause they are in, as ahead.
var aheadWords = stemSet("by", "before", "until", "till", "due", "deadline", "cut-off", "starts", "begins",
	"closes", "expires", "expire", "launch", "next", "must", "need", "has", "have", "submit", "file",
	"present", "go", "goes", "this", "later")

// pastWords mark a moment as past: "since Friday", "last Monday".
var pastWords = stemSet("since", "last", "ago", "yesterday", "from", "earlier")

// deadline finds the nearest deadline the ticket states: "starts Monday
// 9am", "Friday's cut-off", "in 2 hours", "by 3pm today", "tomorrow".
func deadline(toks []token) (firedSignal, bool) {
	var best firedSignal
	for i, t := range toks {
		if t.machine {
			continue
		}
		w, ok := deadlineAt(toks, i)
		if !ok {
			continue
		}
		if t.title {
			w *= titleFactor
		}
		if w > best.weight {
			best = firedSignal{cat: catDeadline, phrase: t.raw, weight: w, title: t.title}
		}
	}
	return best, best.weight > 0
}

// deadlineAt weighs a deadline named at toks[i].
func deadlineAt(toks []token, i int) (float64, bool) {
	w := toks[i].word
	if !nearWords[w] && !whenWords[w] && w != "in" && w != "within" && w != "afternoon" && !isClockTime(w) {
		return 0, false
	}
	ahead, past := false, false
	for k := i - 1; k >= 0 && k >= i-4 && toks[k].clause == toks[i].clause; k-- {
		ahead = ahead || aheadWords[toks[k].word]
		past = past || pastWords[toks[k].word]
	}
	next := ""
	if i+1 < len(toks) && toks[i+1].clause == toks[i].clause {
		next = toks[i+1].word
	}
	if past {
		return 0, false
	}
	switch {
	case nearWords[w]:
		return deadlineNear, true
	case w == "in" || w == "within":
		// "in 2 hours", "within 3 days", "in an hour"
		if i+2 >= len(toks) {
			return 0, false
		}
		n, unit := toks[i+1].word, toks[i+2].word
		count, err := strconv.Atoi(n)
		if n == "an" || n == "a" || n == "one" {
			count, err = 1, nil
		}
		switch {
		case err != nil:
			return 0, false
		case unit == "hour" || unit == stem("minutes") || unit == "hr" || unit == "h":
			return deadlineNear, true
		case unit == "day" && count <= 2:
			return deadlineNear, true
		case unit == "day" && count <= 7:
			return deadlineSoon, true
		}
		return 0, false
	case isClockTime(w):
		if ahead {
			return deadlineNear, true
		}
	case w == "afternoon" && i > 0 && toks[i-1].word == "this":
		return deadlineNear, true
	case whenWords[w]:
		if !ahead && !aheadWords[next] && !isClockTime(next) {
			return 0, false
		}
		if w == "today" || isClockTime(next) && w != "week" && w != "month" {
			return deadlineNear, true
		}
		return deadlineSoon, true
	}
	return 0, false
}

// isClockTime reads "9am", "4pm", "14:00" (as "14"), "noon".
func isClockTime(w string) bool {
	if w == "noon" {
		return true
	}
	if w == "" || !isDigitByte(w[0]) {
		return false
	}
	for _, suffix := range []string{"am", "pm"} {
		if h, ok := strings.CutSuffix(w, suffix); ok && h != "" {
			if _, err := strconv.Atoi(h); err == nil {
				return true
			}
		}
	}
	return false
}

// stemSet is a set of words as the tokenizer spells them.
func stemSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		for _, t := range phraseWords(w) {
			set[t] = true
		}
	}
	return set
}
