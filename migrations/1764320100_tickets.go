package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// The tickets collection with its rules; field-level write rules live in
// hooks (API rules cannot say "this role may write only these fields").
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(user.Collection)
		if err != nil {
			return err
		}

		c := core.NewBaseCollection(ticket.Collection)
		c.Fields.Add(
			&core.TextField{Name: ticket.FieldTitle, Required: true, Min: ticket.TitleMin, Max: ticket.TitleMax},
			&core.TextField{Name: ticket.FieldDescription, Required: true, Max: ticket.DescriptionMax},
			&core.SelectField{Name: ticket.FieldStatus, Required: true, MaxSelect: 1, Values: ticket.Statuses},
			&core.SelectField{Name: ticket.FieldPriority, MaxSelect: 1, Values: ticket.Priorities},
			&core.TextField{Name: ticket.FieldSummary, Max: ticket.SummaryMax},
			&core.TextField{Name: ticket.FieldHelpfulNotes, Max: ticket.HelpfulNotesMax},
			&core.JSONField{Name: ticket.FieldRelatedSkills, MaxSize: ticket.RelatedSkillsJSONMax},
			&core.JSONField{Name: ticket.FieldResourceLinks, MaxSize: ticket.ResourceLinksJSONMax},
			&core.SelectField{Name: ticket.FieldTriage, Required: true, MaxSelect: 1, Values: ticket.Triages},
			&core.TextField{Name: ticket.FieldAnalyzer, Max: ticket.AnalyzerMax},
			&core.RelationField{Name: ticket.FieldCreatedBy, Required: true, MaxSelect: 1, CollectionId: users.Id, CascadeDelete: true},
			&core.RelationField{Name: ticket.FieldAssignedTo, MaxSelect: 1, CollectionId: users.Id},
			&core.DateField{Name: ticket.FieldDue},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)

		admin := user.RuleAdmin
		// the auth id check matters: for a guest @request.auth.id is "" and
		// would match every unassigned ticket
		mine := `@request.auth.id != "" && (created_by = @request.auth.id || assigned_to = @request.auth.id)`
		c.ListRule = types.Pointer(admin + " || " + mine)
		c.ViewRule = types.Pointer(admin + " || " + mine)
		c.CreateRule = types.Pointer(user.RuleSignedIn)
		c.UpdateRule = types.Pointer(admin + " || " + mine)
		c.DeleteRule = types.Pointer(admin)

		c.AddIndex("idx_tickets_created_by", false, "created_by, created", "")
		c.AddIndex("idx_tickets_assigned_to", false, "assigned_to, created", "")
		c.AddIndex("idx_tickets_status", false, "status, created", "")
		// the triage queue: workers look up tickets by their triage state
		c.AddIndex("idx_tickets_triage", false, "triage, created", "")

		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(ticket.Collection)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
