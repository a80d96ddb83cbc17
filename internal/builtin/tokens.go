package builtin

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a ticket, lower-cased and stemmed, with the sentence
// and clause it belongs to: phrases never match across a clause and a
// negation never reaches across one.
type token struct {
	word     string
	sentence int
	clause   int
	title    bool
}

// doc is a tokenized ticket; the title is its first sentence.
type doc struct {
	tokens []token
	// questions tells, per sentence, whether it ends with a question mark.
	questions []bool
	clause    int
	open      bool // the current sentence has tokens
	// The current word is src[start:end], or joined when an apostrophe was
	// dropped from it (only then is a word copied).
	start, end int
	joined     []byte
}

// clauseBreakers start a new clause and are dropped: "it is not down, but
// slow" must not negate "slow".
var clauseBreakers = map[string]bool{"but": true, "however": true, "although": true, "though": true, "whereas": true}

// parse tokenizes a ticket. URLs are skipped: their paths are not prose.
func parse(title, description string) *doc {
	d := &doc{tokens: make([]token, 0, (len(title)+len(description))/5+4)}
	d.add(title, true)
	d.endSentence(false)
	d.add(description, false)
	d.endSentence(false)
	return d
}

// phraseWords tokenizes a vocabulary phrase the way ticket text is tokenized.
func phraseWords(phrase string) []string {
	d := &doc{}
	d.add(phrase, false)
	out := make([]string, len(d.tokens))
	for i, t := range d.tokens {
		out[i] = t.word
	}
	return out
}

func (d *doc) sentence() int { return len(d.questions) }

func (d *doc) endSentence(question bool) {
	switch {
	case d.open:
		d.questions = append(d.questions, question)
		d.open = false
		d.clause++
	case question && len(d.questions) > 0:
		// "really?!" or "down ?": the mark belongs to the sentence before.
		d.questions[len(d.questions)-1] = true
	}
}

func (d *doc) flush(src string, title bool) {
	if d.start < 0 {
		return
	}
	w := src[d.start:d.end]
	if d.joined != nil {
		w = string(d.joined)
		d.joined = nil
	}
	d.start = -1
	if clauseBreakers[w] {
		d.clause++
		return
	}
	d.tokens = append(d.tokens, token{word: stem(w), sentence: d.sentence(), clause: d.clause, title: title})
	d.open = true
}

func (d *doc) add(s string, title bool) {
	s = strings.ToLower(s)
	d.start = -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i+size:]
		inWord := d.start >= 0
		switch {
		case !inWord && isURLStart(s[i:]):
			end := strings.IndexFunc(s[i:], unicode.IsSpace)
			if end < 0 {
				return
			}
			i += end
			continue
		case isWordRune(r):
			if !inWord {
				d.start = i
			}
			if d.joined != nil {
				d.joined = append(d.joined, s[i:i+size]...)
			}
			d.end = i + size
		case r == '\'' || r == '’':
			// can't → cant, it's → its: one word either way.
			if !inWord || !startsWithLetter(rest) {
				d.flush(s, title)
			} else if d.joined == nil {
				d.joined = append(make([]byte, 0, 16), s[d.start:d.end]...)
			}
		case r == '.' && inWord && startsWithAlnum(rest):
			// node.js, v1.2, asp.net: a word break, not a sentence end.
			d.flush(s, title)
		case r == '.' || r == '!' || r == '?' || r == '\n' || r == '…':
			d.flush(s, title)
			d.endSentence(r == '?')
		case strings.ContainsRune(",;:()[]{}\"“”—–|", r):
			d.flush(s, title)
			d.clause++
		default:
			d.flush(s, title)
		}
		i += size
	}
	d.flush(s, title)
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '+' || r == '#') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isURLStart(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func startsWithAlnum(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// noStem are words whose stem would collide with another word that means
// something else (Windows the OS, window the UI element).
var noStem = map[string]bool{"windows": true, "teams": true, "news": true, "series": true, "always": true, "deleted": true,
	"expiring": true, "expires": true}

// stem strips common English endings so that "crashes", "crashed" and
// "crashing" meet at "crash". It is deliberately light: vocabulary phrases go
// through the same function, so only consistency matters, not linguistics.
func stem(w string) string {
	if len(w) <= 3 || noStem[w] || strings.ContainsAny(w, "0123456789_+#") {
		return w
	}
	switch n := len(w); {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "ing") && n > 5:
		w = undouble(w[:n-3])
	case strings.HasSuffix(w, "ed") && n > 4:
		w = undouble(w[:n-2])
	case strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") ||
		strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "zzes")):
		w = w[:n-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	if len(w) > 5 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// undouble turns "stopp" into "stop" and "logg" into "log" (but keeps "bill").
func undouble(w string) string {
	n := len(w)
	if n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
