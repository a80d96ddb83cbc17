package stats

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/history"
)

// countBreaches counts the SLA breaches (overdue events) per assignee at
// the time of the breach, which the event's "to" holds ("" for nobody).
func countBreaches(app core.App, scope Scope, r *Report) error {
	where := dbx.Expression(dbx.HashExp{history.FieldKind: history.KindOverdue})
	if scope.AssignedTo != "" {
		where = dbx.And(where, dbx.HashExp{history.FieldTo: scope.AssignedTo})
	}
	var rows []struct {
		Assignee string `db:"assignee"`
		Count    int    `db:"n"`
	}
	err := app.DB().Select("[["+history.FieldTo+"]] AS assignee", "COUNT(*) AS n").
		From(history.Collection).Where(where).GroupBy(history.FieldTo).All(&rows)
	if err != nil {
		return fmt.Errorf("count breaches: %w", err)
	}
	ids := make([]string, 0, len(rows))
	for _, row := range rows {
		ids = append(ids, row.Assignee)
	}
	names, err := userNames(app, ids)
	if err != nil {
		return err
	}
	r.BreachesByAssignee = []AssigneeCount{}
	for _, row := range rows {
		r.Breaches += row.Count
		r.BreachesByAssignee = append(r.BreachesByAssignee, AssigneeCount{ID: row.Assignee, Name: names[row.Assignee], Count: row.Count})
	}
	slices.SortFunc(r.BreachesByAssignee, func(a, b AssigneeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return nil
}
