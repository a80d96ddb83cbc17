package builtin

// audienceNouns are the groups a desk serves: written in the plural and
// without a limiting word ("customers in Japan can't sign up", "the form
// rejects our users"), they are the customers or everyone, the who of a
// part broken for all of them (docs/triage.md, high).
var audienceNouns = map[string]bool{
	"customers": true, "users": true, "clients": true, "visitors": true, "shoppers": true, "patients": true,
	"students": true, "subscribers": true, "buyers": true, "guests": true, "members": true, "callers": true,
}

// audienceLimiters narrow a group to some of it: "one of our customers",
// "a few users", "some clients", "two customers".
var audienceLimiters = map[string]bool{
	"one": true, "a": true, "single": true, "some": true, "few": true, "couple": true, "two": true,
	"three": true, "certain": true, "specific": true, "individual": true, "several": true, "those": true,
	"these": true, "no": true, "new": true, "test": true, "trial": true, "if": true, "when": true,
}

// audienceFollowers narrow a group after it: "users who changed teams",
// "customers with an old app".
var audienceFollowers = map[string]bool{"who": true, "that": true, "with": true, "whose": true, "which": true}

// audienceScope finds a plural audience noun in prose that no limiter
// narrows, in a sentence that reports a problem (problem[sentence]) and
// neither asks nor wishes (framed[sentence]): the who of that problem. It
// counts only when nothing names a wider scope (tally).
func audienceScope(toks []token, problem, framed []bool) (firedSignal, bool) {
	for i, t := range toks {
		if t.machine || !audienceNouns[t.raw] || !problem[t.sentence] || framed[t.sentence] {
			continue
		}
		if i+1 < len(toks) && toks[i+1].clause == t.clause && audienceFollowers[toks[i+1].raw] {
			continue
		}
		limited := false
		for k := i - 1; k >= 0 && k >= i-3 && toks[k].clause == t.clause; k-- {
			if audienceLimiters[toks[k].raw] {
				limited = true
				break
			}
		}
		if limited {
			continue
		}
		w := 2.0
		if t.title {
			w *= titleFactor
		}
		return firedSignal{cat: catAudience, phrase: t.raw, weight: w, title: t.title}, true
	}
	return firedSignal{}, false
}

// seeingVerbs show data to someone.
var seeingVerbs = map[string]bool{
	"see": true, "sees": true, "seeing": true, "saw": true, "shows": true, "shown": true, "visible": true,
	"view": true, "views": true, "open": true, "opens": true, "get": true, "gets": true, "receive": true,
	"receives": true, "received": true,
}

// otherPeoplesData finds data shown to the wrong people: "some see
// bookings of other guests", "he sees another customer's invoices". Data
// visible to the wrong people is an exposure (docs/triage.md, critical).
func otherPeoplesData(toks []token) (firedSignal, bool) {
	if s, ok := notOnlyTheirOwn(toks); ok {
		return s, true
	}
	for i := 1; i+1 < len(toks); i++ {
		t := toks[i]
		if t.machine || t.raw != "other" && t.raw != "another" {
			continue
		}
		next := toks[i+1]
		if next.clause != t.clause || !audienceNouns[next.raw] && !audienceNouns[next.form+"s"] && next.form != "people" && next.form != "company" {
			continue
		}
		for k := i - 1; k >= 0 && k >= i-6 && toks[k].clause == t.clause; k-- {
			if seeingVerbs[toks[k].raw] {
				w := 6.5
				if t.title {
					w *= titleFactor
				}
				return firedSignal{cat: catSecurity, phrase: toks[k].raw + " " + t.raw + " " + next.raw, weight: w, title: t.title}, true
			}
		}
	}
	return firedSignal{}, false
}

// owners are the possessives of "not only their own".
var owners = map[string]bool{"their": true, "his": true, "her": true, "my": true, "our": true, "your": true}

// notOnlyTheirOwn finds data shown beyond its owner: "they see the orders
// of all shops, not only their own".
func notOnlyTheirOwn(toks []token) (firedSignal, bool) {
	for i := 3; i < len(toks); i++ {
		t := toks[i]
		if t.machine || t.raw != "own" || !owners[toks[i-1].raw] || toks[i-2].raw != "only" && toks[i-2].raw != "just" || toks[i-3].raw != "not" {
			continue
		}
		for k := i - 4; k >= 0 && toks[k].sentence == t.sentence; k-- {
			if seeingVerbs[toks[k].raw] {
				return firedSignal{cat: catSecurity, phrase: "not only " + toks[i-1].raw + " own", weight: 6.5, title: t.title}, true
			}
		}
	}
	return firedSignal{}, false
}
