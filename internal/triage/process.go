package triage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/analysis"
	"helpdesk/internal/assign"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// errLeftAlone ends a ticket's run without it being a failure: the ticket
// was deleted, or someone else moved its triage state (a requeue, an
// admin) while the worker was busy.
var errLeftAlone = errors.New("the ticket changed hands")

// process takes a ticket from where it is to done. Each step is its own
// short transaction that re-reads the ticket; the analysis runs between
// transactions, with the pool's context, never a request's.
func (p *Pool) process(ctx context.Context, id string) error {
	seen, err := p.claim(id)
	if err != nil || seen == nil {
		return err
	}
	if seen.GetString(ticket.FieldTriage) == ticket.TriageAnalyzing {
		known, err := p.knownSkills()
		if err != nil {
			return err
		}
		in := analysis.Input{
			Title:       seen.GetString(ticket.FieldTitle),
			Description: seen.GetString(ticket.FieldDescription),
			KnownSkills: known,
		}
		res, name, err := p.analyze(ctx, seen, in)
		if err != nil {
			return err
		}
		if seen, err = p.saveAnalysis(id, seen, res, name); err != nil {
			return err
		}
	}
	return p.finish(id, seen)
}

// claim moves a pending ticket to analyzing, atomically: of two claims
// only one sees it pending. A ticket left analyzing or assigning by a
// previous run is resumed as it is. It returns nil when there is nothing
// to do (done, failed, deleted).
func (p *Pool) claim(id string) (*core.Record, error) {
	r, err := p.app.FindRecordById(ticket.Collection, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("triage: unable to load ticket %s: %w", id, err)
	}
	switch r.GetString(ticket.FieldTriage) {
	case ticket.TriagePending:
		return p.step(id, ticket.TriagePending, func(_ core.App, fresh *core.Record) error {
			fresh.Set(ticket.FieldTriage, ticket.TriageAnalyzing)
			return nil
		})
	case ticket.TriageAnalyzing, ticket.TriageAssigning:
		return r, nil
	}
	return nil, nil
}

// saveAnalysis stores the analysis and moves the ticket to assigning. A
// field changed since the worker last saw the ticket keeps its new value.
func (p *Pool) saveAnalysis(id string, seen *core.Record, res analysis.Result, analyzer string) (*core.Record, error) {
	return p.step(id, ticket.TriageAnalyzing, func(_ core.App, fresh *core.Record) error {
		changed := ticket.ChangedFields(seen, fresh)
		for field, value := range map[string]any{
			ticket.FieldPriority:      res.Priority,
			ticket.FieldSummary:       res.Summary,
			ticket.FieldHelpfulNotes:  res.HelpfulNotes,
			ticket.FieldRelatedSkills: res.RelatedSkills,
			ticket.FieldResourceLinks: res.ResourceLinks,
		} {
			if slices.Contains(changed, field) {
				p.log.Info("triage: kept a value set by staff", slog.String("ticket", id), slog.String("field", field))
				continue
			}
			fresh.Set(field, value)
		}
		fresh.Set(ticket.FieldAnalyzer, analyzer)
		fresh.Set(ticket.FieldTriage, ticket.TriageAssigning)
		return nil
	})
}

// finish assigns the ticket, sets its due date and marks it done. The
// assignee is chosen inside the transaction, so that concurrent workers
// see each other's assignments in the loads.
func (p *Pool) finish(id string, seen *core.Record) error {
	_, err := p.step(id, ticket.TriageAssigning, func(txApp core.App, fresh *core.Record) error {
		changed := ticket.ChangedFields(seen, fresh)
		if !slices.Contains(changed, ticket.FieldAssignedTo) && fresh.GetString(ticket.FieldAssignedTo) == "" {
			var related []string
			_ = fresh.UnmarshalJSONField(ticket.FieldRelatedSkills, &related)
			choice, err := p.cfg.Routing.Pick(txApp, related)
			if err != nil {
				return err
			}
			if choice.UserID == "" {
				p.log.Warn("triage: no moderator or admin is available for the ticket; it stays unassigned", slog.String("ticket", id), slog.String("reason", choice.Reason))
			} else {
				fresh.Set(ticket.FieldAssignedTo, choice.UserID)
				history.SetReason(fresh, choice.Reason)
				if !slices.Contains(changed, ticket.FieldStatus) && fresh.GetString(ticket.FieldStatus) == ticket.StatusTodo {
					fresh.Set(ticket.FieldStatus, ticket.StatusAssigned)
				}
				p.log.Info("triage: assigned", slog.String("ticket", id), slog.String("assignee", choice.UserID),
					slog.String("rule", string(choice.Rule)), slog.String("reason", choice.Reason))
			}
		}
		if !slices.Contains(changed, ticket.FieldDue) {
			if due := p.cfg.dueDate(fresh.GetString(ticket.FieldPriority), fresh.GetDateTime("created")); !due.IsZero() {
				fresh.Set(ticket.FieldDue, due)
			}
		}
		fresh.Set(ticket.FieldTriage, ticket.TriageDone)
		return nil
	})
	return err
}

// step re-reads the ticket in a transaction, checks that its triage state
// is still state, applies change and saves through the app (hooks,
// realtime). It returns the saved ticket.
func (p *Pool) step(id, state string, change func(txApp core.App, fresh *core.Record) error) (*core.Record, error) {
	var saved *core.Record
	err := p.app.RunInTransaction(func(txApp core.App) error {
		fresh, err := txApp.FindRecordById(ticket.Collection, id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: deleted", errLeftAlone)
		}
		if err != nil {
			return fmt.Errorf("triage: unable to load ticket %s: %w", id, err)
		}
		if got := fresh.GetString(ticket.FieldTriage); got != state {
			return fmt.Errorf("%w: its triage is now %q", errLeftAlone, got)
		}
		if err := change(txApp, fresh); err != nil {
			return err
		}
		if err := txApp.Save(fresh); err != nil {
			return fmt.Errorf("triage: unable to save ticket %s: %w", id, err)
		}
		saved = fresh
		return nil
	})
	return saved, err
}

// fail marks a ticket failed after its last attempt. When even that save
// is refused (the ticket's stored data breaks a hook), the state is set
// directly, so that no ticket waits forever.
func (p *Pool) fail(id string, cause error) {
	p.log.Error("triage: ticket failed", slog.String("ticket", id), slog.Any("error", cause))
	err := p.app.RunInTransaction(func(txApp core.App) error {
		fresh, err := txApp.FindRecordById(ticket.Collection, id)
		if err != nil {
			return err
		}
		if !slices.Contains(waitingStates, fresh.GetString(ticket.FieldTriage)) {
			return nil
		}
		fresh.Set(ticket.FieldTriage, ticket.TriageFailed)
		return txApp.Save(fresh)
	})
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return
	}
	p.log.Warn("triage: cannot save the failed state, setting it directly", slog.String("ticket", id), slog.Any("error", err))
	_, err = p.app.DB().Update(ticket.Collection,
		dbx.Params{ticket.FieldTriage: ticket.TriageFailed, "updated": types.NowDateTime().String()},
		dbx.And(dbx.HashExp{"id": id}, waitingFilter()),
	).Execute()
	if err != nil {
		p.log.Error("triage: cannot mark the ticket failed; the next sweep tries again", slog.String("ticket", id), slog.Any("error", err))
	}
}

// knownSkills are the moderators' skills, which the analyzer may prefer.
func (p *Pool) knownSkills() ([]string, error) {
	staff, err := assign.Staff(p.app)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range staff {
		if c.Role == user.RoleModerator {
			out = append(out, c.Skills...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
