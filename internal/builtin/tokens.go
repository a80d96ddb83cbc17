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
	word string
	// raw is the word as written, lower case; form is raw made singular,
	// for names that must match whole ("accounting" is not "account").
	raw      string
	form     string
	sentence int
	clause   int
	title    bool
	// machine marks words of logs, code and other printed text.
	machine bool
	// bareNumber marks a status-like number ("522") written without
	// anything that makes it an HTTP status: a timing, a count, an id.
	bareNumber bool
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
	// words caches the word features (wordFeatures).
	words []feature
}

// clauseBreakers start a new clause and are dropped: "it is not down, but
// slow" must not negate "slow".
var clauseBreakers = map[string]bool{"but": true, "however": true, "although": true, "though": true, "whereas": true}

// parse tokenizes a ticket. URLs are skipped: their paths are not prose.
// The description is split into prose and machine text first.
func parse(title, description string) *doc {
	d := &doc{tokens: make([]token, 0, (len(title)+len(description))/5+4)}
	d.add(title, true, false)
	d.endSentence(false)
	wasMachine := false
	for _, seg := range segments(description) {
		if seg.machine != wasMachine {
			// prose and machine text never share a phrase or a sentence
			d.clause++
			d.endSentence(false)
			wasMachine = seg.machine
		}
		d.add(seg.text, false, seg.machine)
	}
	d.endSentence(false)
	markBareNumbers(d.tokens)
	return d
}

// phraseWords tokenizes a vocabulary phrase the way ticket text is tokenized.
func phraseWords(phrase string) []string {
	d := &doc{}
	d.add(phrase, false, false)
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

func (d *doc) flush(src string, title, machine bool) {
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
	d.tokens = append(d.tokens, token{word: stem(w), raw: w, form: formOf(w), sentence: d.sentence(), clause: d.clause, title: title, machine: machine})
	d.open = true
}

func (d *doc) add(s string, title, machine bool) {
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
		case (r == '\'' || r == '’') && inWord && startsWithLetter(rest):
			// can't → cant, it's → its: one word either way.
			d.join(s)
		case r == '\'' || r == '‘' || r == '’' || r == '`':
			// a quote mark: 'Orders by customer' is a name, not a phrase
			// that runs on into the words around it
			d.flush(s, title, machine)
			d.clause++
		case r == '-' && inWord && startsWithAlnum(rest) && (isLetterByte(s[d.end-1]) || startsWithLetter(rest)):
			// e-mail, wi-fi, cut-off, log-in: one word, so that "cut-off"
			// is not "cut off" and "e-mail" is "email"
			d.join(s)
		case r == '.' && inWord && isDigitByte(s[d.end-1]) && startsWithDigit(rest):
			// 38211.522 and v1.2 are one number: "522" is no status code
			d.join(s)
			d.joined = append(d.joined, '.')
		case r == '.' && inWord && startsWithAlnum(rest):
			// node.js, asp.net: a word break, not a sentence end.
			d.flush(s, title, machine)
		case r == '?' && inWord && startsWithAlnum(rest):
			// search?q=: a query string, not a question
			d.flush(s, title, machine)
			d.clause++
		case r == '.' || r == '!' || r == '?' || r == '\n' || r == '…':
			d.flush(s, title, machine)
			d.endSentence(r == '?')
		case strings.ContainsRune(",;:()[]{}\"“”—–|", r):
			d.flush(s, title, machine)
			d.clause++
		default:
			d.flush(s, title, machine)
		}
		i += size
	}
	d.flush(s, title, machine)
}

// join starts copying the current word, so that a dropped apostrophe or
// hyphen does not split it.
func (d *doc) join(s string) {
	if d.joined == nil {
		d.joined = append(make([]byte, 0, 16), s[d.start:d.end]...)
	}
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' }

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func startsWithDigit(s string) bool { return s != "" && isDigitByte(s[0]) }

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

// statusContext are the words that make a number an HTTP status: "error
// 522", "HTTP 503", "returns 500", "a 502 Bad Gateway". A number without
// them ("took 522 ms", "ticket 404") is a count or an id.
var statusContext = map[string]bool{
	"http": true, "error": true, "status": true, "code": true, "return": true, "get": true, "got": true,
	"give": true, "gave": true, "throw": true, "threw": true, "respond": true, "response": true, "answer": true,
	"bad": true, "gateway": true, "service": true, "internal": true, "server": true, "with": true, "a": true,
	"an": true, "the": true, "see": true, "show": true, "fail": true, "timeout": true, "unavailable": true,
	"forbidden": true, "unauthoriz": true, "cloudflare": true, "nginx": true, "hit": true, "throwing": true,
	"fatal": true, "page": true, "some": true, "random": true, "occasional": true, "of": true,
}

// markBareNumbers flags status-like numbers that nothing marks as a status.
func markBareNumbers(toks []token) {
	for i := range toks {
		w := toks[i].word
		if len(w) != 3 || w[0] < '4' || w[0] > '5' || !isDigitByte(w[1]) || !isDigitByte(w[2]) {
			continue
		}
		near := func(j int) bool {
			return j >= 0 && j < len(toks) && toks[j].clause == toks[i].clause && statusContext[toks[j].word]
		}
		toks[i].bareNumber = !near(i-1) && !near(i+1) && !near(i-2)
	}
}

// noStem are words whose stem would collide with another word that means
// something else (Windows the OS, window the UI element; the wording of a
// text, Word the program; accounting the trade, an account).
var noStem = map[string]bool{"windows": true, "teams": true, "news": true, "series": true, "always": true, "deleted": true,
	"expiring": true, "expires": true, "wording": true, "accounting": true, "building": true, "marketing": true,
	"hosting": true, "wedding": true, "ceiling": true, "morning": true, "evening": true, "nothing": true,
	"something": true, "anything": true, "everything": true, "thing": true, "things": true, "during": true,
	"status": true, "access": true, "process": true, "business": true}

// stem strips common English endings so that "crashes", "crashed" and
// "crashing" meet at "crash", and "meetings" and "meeting" at "meet". It is
// deliberately light: vocabulary phrases go through the same function, so
// only consistency matters, not linguistics. A Porter or Snowball stemmer
// was measured and not taken: about 1.5 µs a word (most of the budget of a
// long ticket) and it merges words a helpdesk must keep apart ("customer"
// and "custom", "organization" and "organ").
func stem(w string) string {
	if len(w) <= 3 || noStem[w] || strings.ContainsAny(w, "0123456789_+#.") {
		return w
	}
	w = singular(w)
	if noStem[w] {
		return w
	}
	switch n := len(w); {
	case strings.HasSuffix(w, "ied") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "ing") && n > 5:
		w = undouble(w[:n-3])
	case strings.HasSuffix(w, "ed") && n > 4:
		w = undouble(w[:n-2])
	}
	if len(w) > 5 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// formOf is a word's whole-term form: singular, otherwise as written.
func formOf(w string) string {
	if len(w) <= 3 || noStem[w] || strings.ContainsAny(w, "0123456789_+#.") {
		return w
	}
	return singular(w)
}

// singular strips a plural ending.
func singular(w string) string {
	switch n := len(w); {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") ||
		strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "zzes")):
		return w[:n-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
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
