package hooks

import (
	"math"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"helpdesk/internal/ticket"
)

// totalKey marks a ticket list whose total this file counts.
const totalKey = "helpdeskTicketsTotal"

// countTicketsTotal takes over the total of an admin's ticket list (the
// caller of bindTicketListScope asks for it before PocketBase runs the
// list). PocketBase counts with COUNT(DISTINCT rowid), which SQLite
// cannot answer from an index without sorting every row's rowid (9 ms
// for 100,000 tickets, 20 ms for the open ones); without a join the
// rows are distinct already, so COUNT(*) gives the same number from the
// table's or an index's entry count (0.03 ms and 7 ms). The list itself
// runs with skipTotal, and the total is counted here with the same rule
// and filter, through PocketBase's own resolver.
func countTicketsTotal(e *core.RequestEvent) {
	q := e.Request.URL.Query()
	if skip, _ := strconv.ParseBool(q.Get("skipTotal")); skip {
		return // the caller asked for no total
	}
	q.Set("skipTotal", "1")
	e.Request.URL.RawQuery = q.Encode()
	e.Set(totalKey, true)
}

func bindTicketsTotal(app core.App) {
	app.OnRecordsListRequest(ticket.Collection).BindFunc(func(e *core.RecordsListRequestEvent) error {
		if on, _ := e.Get(totalKey).(bool); !on {
			return e.Next()
		}
		info, err := e.RequestInfo()
		if err != nil {
			return e.BadRequestError("", err)
		}
		total, err := ticketsTotal(e.App, e.Collection, info)
		if err != nil {
			return e.BadRequestError("Invalid filter.", err)
		}
		e.Result.TotalItems = total
		e.Result.TotalPages = int(math.Ceil(float64(total) / float64(max(e.Result.PerPage, 1))))
		return e.Next()
	})
}

// ticketsTotal counts the tickets of a list as recordsList does: the list
// rule (not for superusers) and the filter, resolved by PocketBase.
func ticketsTotal(app core.App, c *core.Collection, info *core.RequestInfo) (int, error) {
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	query := app.RecordQuery(c)
	if !info.HasSuperuserAuth() && c.ListRule != nil && *c.ListRule != "" {
		expr, err := search.FilterData(*c.ListRule).BuildExpr(resolver)
		if err != nil {
			return 0, err
		}
		query.AndWhere(expr)
	}
	resolver.SetAllowHiddenFields(info.HasSuperuserAuth())
	if f := info.Query["filter"]; f != "" {
		expr, err := search.FilterData(f).BuildExpr(resolver)
		if err != nil {
			return 0, err
		}
		query.AndWhere(expr)
	}
	if err := resolver.UpdateQuery(query); err != nil {
		return 0, err
	}
	count := "COUNT(*)"
	if len(query.Info().Join) > 0 {
		count = "COUNT(DISTINCT [[" + c.Name + "._rowid_]])" // a join may repeat a ticket
	}
	var total int
	err := query.Select(count).Row(&total)
	return total, err
}
