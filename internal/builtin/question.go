package builtin

// questionTitleSignal is a title that is a question ("Is my data encrypted
// at rest?"): it asks for information rather than reporting a failure.
var questionTitleSignal = signalGroup{cat: catQuestion, weight: -2}

// interrogatives open a question; "why" is left out on purpose: "Why is
// the site down?" reports an incident.
var interrogatives = map[string]bool{
	"is": true, "are": true, "do": true, "doe": true, "does": true, "can": true, "could": true, "will": true,
	"would": true, "should": true, "how": true, "where": true, "which": true, "what": true, "whats": true,
	"when": true, "may": true, "am": true, "have": true, "has": true, "any": true,
}

// questionTitle reports a title that starts with an interrogative and ends
// with a question mark, as a match on its first word.
func questionTitle(d *doc) (match, bool) {
	if len(d.tokens) == 0 || !d.tokens[0].title || len(d.questions) == 0 || !d.questions[0] {
		return match{}, false
	}
	if !interrogatives[d.tokens[0].word] {
		return match{}, false
	}
	return match{phrase: &phrase{text: "question title", words: []string{d.tokens[0].word}}, start: 0}, true
}
