package builtin

import "strconv"

// scopeNouns are what a count of affected people or things is a count of.
var scopeNouns = []string{
	"users", "people", "customers", "employees", "staff", "members", "clients", "colleagues", "agents",
	"accounts", "persons", "stores", "shops", "sites", "locations", "offices", "teams", "seats", "devices",
	"machines", "computers", "laptops", "workstations", "servers", "tenants", "students", "orders",
}

// scopeCounters introduce a count of the affected, as opposed to a count
// that only describes ("from 25 to 15 people").
var scopeCounters = map[string]bool{
	"about": true, "over": true, "around": true, "nearly": true, "roughly": true, "approximately": true,
	"than": true, "our": true, "all": true, "affect": true, "impact": true, "the": true, "other": true,
	"least": true, "almost": true, "some": true, "whole": true, "entire": true, "every": true, "of": true,
}

// wholeCounters count all of a group: "all 40 people", "our 30 staff".
var wholeCounters = map[string]bool{"all": true, "our": true, "whole": true, "entire": true, "every": true}

// allCounters count every one of a set, whatever its size.
var allCounters = map[string]bool{"all": true, "every": true, "whole": true, "entire": true}

// timeUnits make a count a frequency: "every 6 hours" affects no one.
var timeUnits = map[string]bool{
	"second": true, "sec": true, "minute": true, "min": true, "hour": true, "hr": true, "h": true,
	"day": true, "week": true, "month": true, "year": true, "time": true,
}

// countedScope finds "about 30 users", "all 40 people", "our 300 staff",
// "about 60 warehouse devices".
func (a *Analyzer) countedScope(toks []token) []firedSignal {
	var out []firedSignal
	for i := 1; i+1 < len(toks); i++ {
		word := toks[i].word
		if word[0] < '1' || word[0] > '9' || !scopeCounters[toks[i-1].word] {
			continue
		}
		n, err := strconv.Atoi(word)
		if err != nil || n < 2 {
			continue
		}
		// "all 6 nodes", "every 12 registers": all of a set, whatever it
		// is a set of; other small counts describe more than they affect
		all := (allCounters[toks[i-1].word] || i > 1 && allCounters[toks[i-2].word] && wholeCounters[toks[i-1].word]) && toks[i+1].sentence == toks[i].sentence && !toks[i+1].machine && !timeUnits[toks[i+1].form]
		if !all && (n < 10 || !a.scopeNouns[toks[i+1].word] && !(i+2 < len(toks) && a.scopeNouns[toks[i+2].word])) {
			continue
		}
		// "all 12 people", "our 40 staff" or fifty and more is everyone the
		// ticket speaks for; "14 developers" is a team
		cat, w := catScopeTeam, 2.0
		switch {
		case n >= 100:
			cat, w = catScopeWide, 3
		case n >= 50 || all || wholeCounters[toks[i-1].word]:
			cat, w = catScopeWide, 2.5
		}
		if toks[i].title {
			w *= titleFactor
		}
		out = append(out, firedSignal{cat: cat, phrase: word + " affected", weight: w, title: toks[i].title})
	}
	return out
}
