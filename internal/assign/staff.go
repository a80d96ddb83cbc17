package assign

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// staffQuery lists the staff with their load: the open tickets assigned
// to them. The open statuses are listed rather than "!= done" so that
// the count seeks them in an (assigned_to, status) index instead of
// scanning the done tickets, which only grow.
const staffQuery = `SELECT u.[[id]] AS id, u.[[name]] AS name, u.[[role]] AS role, u.[[skills]] AS skills, u.[[created]] AS created,
	u.[[away]] AS away, u.[[max_open]] AS max_open,
	(SELECT COUNT(*) FROM {{tickets}} t WHERE t.[[assigned_to]] = u.[[id]] AND t.[[status]] IN ({:todo}, {:assigned}, {:in_progress})) AS load
FROM {{users}} u WHERE u.[[role]] IN ({:moderator}, {:admin})`

// Staff loads the moderators and admins with their skills, availability
// and load, in one query.
func Staff(app core.App) ([]Candidate, error) {
	var rows []struct {
		ID      string  `db:"id"`
		Name    string  `db:"name"`
		Role    string  `db:"role"`
		Skills  *string `db:"skills"`
		Created string  `db:"created"`
		Away    bool    `db:"away"`
		MaxOpen float64 `db:"max_open"`
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
		out = append(out, Candidate{
			ID: r.ID, Name: r.Name, Role: r.Role, Skills: user.LenientSkills(list),
			Load: r.Load, MaxOpen: int(r.MaxOpen), Away: r.Away, Created: r.Created,
		})
	}
	return out, nil
}

// Pick chooses the assignee of a ticket needing skills among the app's
// staff as they are now. Inside a transaction, pass its app: concurrent
// routings then see each other's assignments in the loads.
func (c Config) Pick(app core.App, skills []string) (Choice, error) {
	staff, err := Staff(app)
	if err != nil {
		return Choice{}, err
	}
	return c.Choose(staff, skills), nil
}
