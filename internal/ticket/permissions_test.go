package ticket_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// collection mirrors the tickets schema's field types (the migration owns
// the real one); the permission rules only read values.
func collection() *core.Collection {
	c := core.NewBaseCollection(ticket.Collection)
	c.Fields.Add(
		&core.TextField{Name: ticket.FieldTitle},
		&core.TextField{Name: ticket.FieldDescription},
		&core.SelectField{Name: ticket.FieldStatus, MaxSelect: 1, Values: ticket.Statuses},
		&core.SelectField{Name: ticket.FieldPriority, MaxSelect: 1, Values: ticket.Priorities},
		&core.TextField{Name: ticket.FieldSummary},
		&core.TextField{Name: ticket.FieldHelpfulNotes},
		&core.JSONField{Name: ticket.FieldRelatedSkills},
		&core.JSONField{Name: ticket.FieldResourceLinks},
		&core.SelectField{Name: ticket.FieldTriage, MaxSelect: 1, Values: ticket.Triages},
		&core.TextField{Name: ticket.FieldAnalyzer},
		&core.RelationField{Name: ticket.FieldCreatedBy, MaxSelect: 1, CollectionId: "_pb_users_auth_"},
		&core.RelationField{Name: ticket.FieldAssignedTo, MaxSelect: 1, CollectionId: "_pb_users_auth_"},
		&core.DateField{Name: ticket.FieldDue},
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
	return c
}

const (
	creator  = "creator00000001"
	assignee = "moderator000001"
)

// stored returns a ticket as loaded from the database: by creator,
// assigned to assignee, with the given status.
func stored(status string) *core.Record {
	r := core.NewRecord(collection())
	r.Load(map[string]any{
		"id":                      "ticket000000001",
		ticket.FieldTitle:         "Printer jammed",
		ticket.FieldDescription:   "It beeps.",
		ticket.FieldStatus:        status,
		ticket.FieldPriority:      ticket.PriorityMedium,
		ticket.FieldHelpfulNotes:  "notes",
		ticket.FieldRelatedSkills: `["printing"]`,
		ticket.FieldResourceLinks: `[]`,
		ticket.FieldTriage:        ticket.TriageDone,
		ticket.FieldCreatedBy:     creator,
		ticket.FieldAssignedTo:    assignee,
		"created":                 "2026-01-01 10:00:00.000Z",
		"updated":                 "2026-01-01 10:00:00.000Z",
	})
	r.PostScan()
	return r
}

func TestForbiddenFields(t *testing.T) {
	t.Parallel()
	creatorActor := ticket.Actor{ID: creator, Role: user.RoleUser}
	assigneeActor := ticket.Actor{ID: assignee, Role: user.RoleModerator}
	cases := []struct {
		name   string
		actor  ticket.Actor
		status string // of the stored ticket
		set    map[string]any
		denied []string
	}{
		{"admin changes anything", ticket.Actor{ID: "admin", Role: user.RoleAdmin}, ticket.StatusDone,
			map[string]any{ticket.FieldTriage: ticket.TriageFailed, ticket.FieldCreatedBy: "someone", ticket.FieldAssignedTo: ""}, nil},
		{"superuser changes anything", ticket.Actor{ID: "su", Superuser: true}, ticket.StatusAssigned,
			map[string]any{ticket.FieldSummary: "s", ticket.FieldDue: "2030-01-01 00:00:00.000Z"}, nil},

		{"assignee: status, priority, notes, hand over", assigneeActor, ticket.StatusAssigned,
			map[string]any{ticket.FieldStatus: ticket.StatusInProgress, ticket.FieldPriority: ticket.PriorityHigh, ticket.FieldHelpfulNotes: "more", ticket.FieldAssignedTo: "othermoderator1"}, nil},
		{"assignee: even on a done ticket", assigneeActor, ticket.StatusDone,
			map[string]any{ticket.FieldStatus: ticket.StatusInProgress}, nil},
		{"assignee: not unassign", assigneeActor, ticket.StatusAssigned,
			map[string]any{ticket.FieldAssignedTo: ""}, []string{ticket.FieldAssignedTo}},
		{"assignee: not the text or the analysis", assigneeActor, ticket.StatusAssigned,
			map[string]any{ticket.FieldTitle: "New", ticket.FieldSummary: "s", ticket.FieldRelatedSkills: []string{"x"}, ticket.FieldTriage: ticket.TriageFailed},
			[]string{ticket.FieldTitle, ticket.FieldSummary, ticket.FieldRelatedSkills, ticket.FieldTriage}},
		{"an assigned plain user has no assignee rights", ticket.Actor{ID: assignee, Role: user.RoleUser}, ticket.StatusAssigned,
			map[string]any{ticket.FieldPriority: ticket.PriorityHigh}, []string{ticket.FieldPriority}},

		{"creator: title and description while open", creatorActor, ticket.StatusInProgress,
			map[string]any{ticket.FieldTitle: "New title", ticket.FieldDescription: "More"}, nil},
		{"creator: closes the ticket", creatorActor, ticket.StatusAssigned,
			map[string]any{ticket.FieldStatus: ticket.StatusDone}, nil},
		{"creator: no other status", creatorActor, ticket.StatusAssigned,
			map[string]any{ticket.FieldStatus: ticket.StatusInProgress}, []string{ticket.FieldStatus}},
		{"creator: nothing once done", creatorActor, ticket.StatusDone,
			map[string]any{ticket.FieldTitle: "Reopen", ticket.FieldDescription: "x", ticket.FieldStatus: ticket.StatusTodo},
			[]string{ticket.FieldTitle, ticket.FieldDescription, ticket.FieldStatus}},
		{"creator: not the triage's fields", creatorActor, ticket.StatusTodo,
			map[string]any{ticket.FieldPriority: ticket.PriorityLow, ticket.FieldHelpfulNotes: "x", ticket.FieldAssignedTo: "", ticket.FieldCreatedBy: "someone"},
			[]string{ticket.FieldPriority, ticket.FieldHelpfulNotes, ticket.FieldAssignedTo, ticket.FieldCreatedBy}},

		{"stranger: nothing", ticket.Actor{ID: "stranger", Role: user.RoleUser}, ticket.StatusTodo,
			map[string]any{ticket.FieldTitle: "Mine now"}, []string{ticket.FieldTitle}},
		{"another moderator: nothing", ticket.Actor{ID: "moderator000002", Role: user.RoleModerator}, ticket.StatusTodo,
			map[string]any{ticket.FieldStatus: ticket.StatusInProgress}, []string{ticket.FieldStatus}},
		{"guest: nothing", ticket.Actor{}, ticket.StatusTodo,
			map[string]any{ticket.FieldStatus: ticket.StatusDone}, []string{ticket.FieldStatus}},
		{"no change: nothing to refuse", ticket.Actor{}, ticket.StatusTodo, map[string]any{}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := stored(c.status)
			after := before.Clone()
			for k, v := range c.set {
				after.Set(k, v)
			}
			denied := ticket.ForbiddenFields(c.actor, before, after, ticket.ChangedFields(before, after))
			got := slices.Sorted(maps.Keys(denied))
			want := slices.Sorted(slices.Values(c.denied))
			if !slices.Equal(got, want) {
				t.Errorf("denied %v, want %v (%v)", got, want, denied)
			}
			for f, msg := range denied {
				if msg == "" {
					t.Errorf("%s refused without a message", f)
				}
			}
		})
	}
}

func TestChangedFields(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		set  map[string]any
		want []string
	}{
		{"nothing", nil, nil},
		{"same values sent back", map[string]any{
			ticket.FieldTitle: "Printer jammed", ticket.FieldStatus: ticket.StatusAssigned,
			ticket.FieldRelatedSkills: []string{"printing"}, ticket.FieldResourceLinks: []any{}, ticket.FieldDue: "",
		}, nil},
		{"text and select", map[string]any{ticket.FieldTitle: "Other", ticket.FieldPriority: ""}, []string{ticket.FieldTitle, ticket.FieldPriority}},
		{"json by value", map[string]any{ticket.FieldRelatedSkills: []string{"printing", "paper"}}, []string{ticket.FieldRelatedSkills}},
		{"relation and date", map[string]any{ticket.FieldAssignedTo: "", ticket.FieldDue: "2030-01-01 00:00:00.000Z"}, []string{ticket.FieldAssignedTo, ticket.FieldDue}},
		{"autodates are not changes", map[string]any{"updated": "2030-01-01 00:00:00.000Z"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := stored(ticket.StatusAssigned)
			after := before.Clone()
			for k, v := range c.set {
				after.Set(k, v)
			}
			got := ticket.ChangedFields(before, after)
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("changed %v, want %v", got, want)
			}
		})
	}
}
