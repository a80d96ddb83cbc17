// Package assign picks the staff member a triaged ticket goes to: the
// moderator with the most matching skills, ties to the least loaded then
// the earliest account; without a match the least-loaded admin, then the
// least-loaded moderator; nobody when there is no staff.
package assign

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// Rule says why a Choice was made.
type Rule string

// The rules, in the order they are tried.
const (
	RuleSkillMatch       Rule = "skill match"
	RuleLeastLoadedAdmin Rule = "least-loaded admin"
	RuleLeastLoadedMod   Rule = "least-loaded moderator"
	RuleNoStaff          Rule = "no staff"
)

// staffQuery lists the staff with their load: the open tickets assigned
// to them. The open statuses are listed rather than "!= done" so that
// the count seeks them in an (assigned_to, status) index instead of
// scanning the done tickets, which only grow.
const staffQuery = `SELECT u.[[id]] AS id, u.[[role]] AS role, u.[[skills]] AS skills, u.[[created]] AS created,
	(SELECT COUNT(*) FROM {{tickets}} t WHERE t.[[assigned_to]] = u.[[id]] AND t.[[status]] IN ({:todo}, {:assigned}, {:in_progress})) AS load
FROM {{users}} u WHERE u.[[role]] IN ({:moderator}, {:admin})`

// Choice is the outcome of Pick. UserID is empty when Rule is RuleNoStaff.
type Choice struct {
	UserID string
	Role   string
	// Score is how many of the ticket's skills the assignee has.
	Score int
	// Load is the assignee's open assigned tickets (status not done).
	Load int
	Rule Rule
}

// Candidate is a staff member as Pick sees them.
type Candidate struct {
	ID      string
	Role    string
	Skills  []string
	Load    int
	Created string
}

// Pick chooses the assignee of a ticket with the given related skills
// among the app's staff.
func Pick(app core.App, relatedSkills []string) (Choice, error) {
	staff, err := Staff(app)
	if err != nil {
		return Choice{}, err
	}
	return Choose(staff, relatedSkills), nil
}

// Staff loads the moderators and admins with their skills and their load,
// in one query.
func Staff(app core.App) ([]Candidate, error) {
	var rows []struct {
		ID      string  `db:"id"`
		Role    string  `db:"role"`
		Skills  *string `db:"skills"`
		Created string  `db:"created"`
		Load    int     `db:"load"`
	}
	err := app.DB().NewQuery(staffQuery).Bind(dbx.Params{
		"moderator":   user.RoleModerator,
		"admin":       user.RoleAdmin,
		"todo":        ticket.StatusTodo,
		"assigned":    ticket.StatusAssigned,
		"in_progress": ticket.StatusInProgress,
	}).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("assign: unable to load the staff: %w", err)
	}
	out := make([]Candidate, 0, len(rows))
	for _, r := range rows {
		var list []string
		// a malformed skills value counts as no skills, not as an error:
		// it must not stop every ticket's assignment
		if r.Skills != nil {
			_ = json.Unmarshal([]byte(*r.Skills), &list)
		}
		out = append(out, Candidate{ID: r.ID, Role: r.Role, Skills: user.LenientSkills(list), Load: r.Load, Created: r.Created})
	}
	return out, nil
}

// Choose applies the assignment rules to candidates; it is Pick without
// the database.
func Choose(candidates []Candidate, relatedSkills []string) Choice {
	wanted := user.LenientSkills(relatedSkills)
	byLoad := func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(a.Load, b.Load), cmp.Compare(a.Created, b.Created), cmp.Compare(a.ID, b.ID))
	}
	var mods, admins []Candidate
	for _, c := range candidates {
		switch c.Role {
		case user.RoleModerator:
			mods = append(mods, c)
		case user.RoleAdmin:
			admins = append(admins, c)
		}
	}

	best, bestScore := Candidate{}, 0
	for _, m := range mods {
		s := score(m.Skills, wanted)
		if s > bestScore || (s == bestScore && s > 0 && byLoad(m, best) < 0) {
			best, bestScore = m, s
		}
	}
	if bestScore > 0 {
		return choice(best, bestScore, RuleSkillMatch)
	}
	if len(admins) > 0 {
		return choice(slices.MinFunc(admins, byLoad), 0, RuleLeastLoadedAdmin)
	}
	if len(mods) > 0 {
		return choice(slices.MinFunc(mods, byLoad), 0, RuleLeastLoadedMod)
	}
	return Choice{Rule: RuleNoStaff}
}

func choice(c Candidate, score int, rule Rule) Choice {
	return Choice{UserID: c.ID, Role: c.Role, Score: score, Load: c.Load, Rule: rule}
}

// score counts the wanted skills the candidate has; both lists are
// normalized.
func score(has, wanted []string) int {
	n := 0
	for _, w := range wanted {
		if slices.Contains(has, w) {
			n++
		}
	}
	return n
}
