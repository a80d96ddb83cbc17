package triage

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// budgetWindow is the period of the per-user budget of the primary
// analyzer.
const budgetWindow = 24 * time.Hour

// budgetSpent reports whether the creator of ticket t has had their
// GeminiDailyBudgetPerUser of the primary analyzer's readings in the last
// 24 hours: their tickets (t aside) whose analyzer is the primary or a
// fallback after the primary was called. Staff are never limited. Tickets
// analysed at the same moment are not seen yet, so the budget may be
// passed by up to the number of workers.
func (p *Pool) budgetSpent(t *core.Record) (bool, error) {
	creator := t.GetString(ticket.FieldCreatedBy)
	if creator == "" {
		return false, nil
	}
	u, err := p.app.FindRecordById(user.Collection, creator)
	switch {
	case errors.Is(err, sql.ErrNoRows): // a deleted account is counted as a user's
	case err != nil:
		return false, fmt.Errorf("triage: unable to load the creator of ticket %s: %w", t.Id, err)
	case user.IsStaff(u):
		return false, nil
	}
	since, _ := types.ParseDateTime(time.Now().Add(-budgetWindow))
	primary := primaryName(p.primary)
	n, err := p.app.CountRecords(ticket.Collection,
		dbx.HashExp{ticket.FieldCreatedBy: creator},
		dbx.NewExp("[[created]] >= {:since} AND [[id]] != {:id}", dbx.Params{"since": since.String(), "id": t.Id}),
		dbx.Or(
			dbx.Like(ticket.FieldAnalyzer, primary).Match(false, true),
			dbx.Like(ticket.FieldAnalyzer, "("+primary+" failed").Match(true, true),
		))
	if err != nil {
		return false, fmt.Errorf("triage: unable to count the analyses of %s: %w", creator, err)
	}
	return int(n) >= p.cfg.GeminiDailyBudgetPerUser, nil
}

// primaryName is the analyzer's name without its model ("gemini").
func primaryName(a interface{ Name() string }) string {
	name, _, _ := strings.Cut(a.Name(), ":")
	return name
}
