// Package assign routes tickets to staff. A moderator is eligible for a
// ticket when they share at least one of its skills, and available when
// they are not away and below their max_open. Among the available
// eligible moderators, more shared skills win only within Slack open
// tickets of the least-loaded of them; ties go to fewer open tickets,
// then the earliest account. Without one, the least-loaded available
// admin gets the ticket, then the least-loaded available moderator;
// without any, the ticket stays unassigned. Every choice carries the
// reason it was made, for the ticket's history.
package assign

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"helpdesk/internal/user"
)

// DefaultSlack is the Slack of a Config that sets none.
const DefaultSlack = 5

// Config tunes the routing. The zero value means the defaults.
type Config struct {
	// Slack is how many more open tickets than the least-loaded eligible
	// colleague a moderator with more shared skills may have and still
	// win (ROUTING_SLACK). 0 means the default, 5; a negative value means
	// no slack: the least-loaded eligible moderator always wins.
	Slack int
}

// slack is the effective slack.
func (c Config) slack() int {
	switch {
	case c.Slack == 0:
		return DefaultSlack
	case c.Slack < 0:
		return 0
	}
	return c.Slack
}

// ConfigFromEnv reads ROUTING_SLACK (a whole number, 0 or more); unset
// keeps the default.
func ConfigFromEnv() (Config, error) {
	v, ok := os.LookupEnv("ROUTING_SLACK")
	if !ok || v == "" {
		return Config{}, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return Config{}, fmt.Errorf("assign: ROUTING_SLACK=%q: must be a whole number of at least 0", v)
	}
	if n == 0 {
		return Config{Slack: -1}, nil
	}
	return Config{Slack: n}, nil
}

// Rule says which rule made a Choice.
type Rule string

// The rules, in the order they are tried.
const (
	RuleSkillMatch       Rule = "skill match"
	RuleLeastLoadedAdmin Rule = "least-loaded admin"
	RuleLeastLoadedMod   Rule = "least-loaded moderator"
	RuleNobody           Rule = "nobody available"
)

// Candidate is a staff member as the routing sees them.
type Candidate struct {
	ID      string
	Name    string
	Role    string
	Skills  []string // normalized
	Load    int      // open tickets assigned to them
	MaxOpen int      // 0: no limit
	Away    bool
	Created string
}

// Available reports whether the routing may give the candidate one more
// ticket: not away, and below max_open when one is set.
func (c Candidate) Available() bool {
	return !c.Away && (c.MaxOpen <= 0 || c.Load < c.MaxOpen)
}

// Choice is the outcome of the routing. UserID is empty when Rule is
// RuleNobody.
type Choice struct {
	UserID string
	Role   string
	// Shared are the ticket's skills the assignee has.
	Shared []string
	// Load is the assignee's open tickets before this one.
	Load int
	Rule Rule
	// Reason says why, for people: "skills vpn, network; load 3 (least
	// among 3 fit)", "no fit; least-loaded admin; load 1".
	Reason string
}

// Choose applies the routing rules to the staff for a ticket needing
// skills.
func (c Config) Choose(staff []Candidate, skills []string) Choice {
	return c.choose(staff, skills, "")
}

// choose is Choose where holder, the ticket's current assignee, wins ties
// of load (a rebalance moves nothing for nothing).
func (c Config) choose(staff []Candidate, skills []string, holder string) Choice {
	wanted := user.LenientSkills(skills)
	// ties: fewer open tickets, then the holder, then the earliest
	// account, then the smaller id so that the choice is deterministic
	byLoad := func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(a.Load, b.Load), holderFirst(a.ID, b.ID, holder),
			cmp.Compare(a.Created, b.Created), cmp.Compare(a.ID, b.ID))
	}

	var fit []Candidate
	var fitShared [][]string
	unavailableFit := 0
	var admins, mods []Candidate
	for _, s := range staff {
		switch s.Role {
		case user.RoleModerator:
			shared := sharedSkills(s.Skills, wanted)
			if !s.Available() {
				if len(shared) > 0 {
					unavailableFit++
				}
				continue
			}
			mods = append(mods, s)
			if len(shared) > 0 {
				fit = append(fit, s)
				fitShared = append(fitShared, shared)
			}
		case user.RoleAdmin:
			if s.Available() {
				admins = append(admins, s)
			}
		}
	}

	if len(fit) > 0 {
		least := fit[0].Load
		for _, f := range fit {
			least = min(least, f.Load)
		}
		best := -1
		for i, f := range fit {
			if f.Load > least+c.slack() {
				continue
			}
			if best < 0 || len(fitShared[i]) > len(fitShared[best]) ||
				(len(fitShared[i]) == len(fitShared[best]) && byLoad(f, fit[best]) < 0) {
				best = i
			}
		}
		w := fit[best]
		reason := fmt.Sprintf("skills %s; load %d", strings.Join(fitShared[best], ", "), w.Load)
		switch {
		case len(fit) == 1:
			reason += " (the only fit)"
		case w.Load == least:
			reason += fmt.Sprintf(" (least among %d fit)", len(fit))
		default:
			reason += fmt.Sprintf(" (within %d of the least, %d, among %d fit)", c.slack(), least, len(fit))
		}
		return Choice{UserID: w.ID, Role: w.Role, Shared: fitShared[best], Load: w.Load, Rule: RuleSkillMatch, Reason: reason}
	}

	noFit := "no fit"
	if unavailableFit > 0 {
		noFit = fmt.Sprintf("no fit available (%d away or full)", unavailableFit)
	}
	if len(admins) > 0 {
		w := slices.MinFunc(admins, byLoad)
		return Choice{UserID: w.ID, Role: w.Role, Load: w.Load, Rule: RuleLeastLoadedAdmin,
			Reason: fmt.Sprintf("%s; least-loaded admin; load %d", noFit, w.Load)}
	}
	if len(mods) > 0 {
		w := slices.MinFunc(mods, byLoad)
		return Choice{UserID: w.ID, Role: w.Role, Load: w.Load, Rule: RuleLeastLoadedMod,
			Reason: fmt.Sprintf("%s; least-loaded moderator; load %d", noFit, w.Load)}
	}
	return Choice{Rule: RuleNobody, Reason: noFit + "; nobody available"}
}

func holderFirst(a, b, holder string) int {
	switch {
	case holder == "" || a == b:
		return 0
	case a == holder:
		return -1
	case b == holder:
		return 1
	}
	return 0
}

// sharedSkills lists the wanted skills the candidate has, in the
// ticket's order; both lists are normalized.
func sharedSkills(has, wanted []string) []string {
	var out []string
	for _, w := range wanted {
		if slices.Contains(has, w) {
			out = append(out, w)
		}
	}
	return out
}
