package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// Meta is the answer of GET /api/helpdesk/meta: the enum values and limits
// of the contract, read by the portal once at start so that it holds no
// copy of them.
type Meta struct {
	// Statuses are the ticket statuses in workflow order.
	Statuses []string `json:"statuses"`
	// DoneStatus is the status of a finished ticket.
	DoneStatus string `json:"done_status"`
	// Priorities are the ticket priorities from the least to the most severe.
	Priorities []string `json:"priorities"`
	// PrioritySeverity is each priority's severity, 1 (least) up.
	PrioritySeverity map[string]int `json:"priority_severity"`
	// Triages are the steps of a ticket's triage.
	Triages []string `json:"triages"`
	// Roles are the users' roles, StaffRoles those who work tickets,
	// AdminRole the one that sees every ticket and manages users.
	Roles      []string `json:"roles"`
	StaffRoles []string `json:"staff_roles"`
	AdminRole  string   `json:"admin_role"`
	// EventKinds are the kinds of a ticket's history events.
	EventKinds []string `json:"event_kinds"`
	// CommentSources are where a comment came from.
	CommentSources []string `json:"comment_sources"`
	// Limits are the text, list and file limits forms check before sending.
	Limits MetaLimits `json:"limits"`
	// TicketFields and UserFields name the fields of the tickets and users
	// collections as they are now, and Routes the helpdesk's own routes
	// ("GET /api/helpdesk/stats"): a client shows a screen or a column only
	// when what it needs exists.
	TicketFields []string `json:"ticket_fields"`
	UserFields   []string `json:"user_fields"`
	Routes       []string `json:"routes"`
}

// MetaLimits are the limits of the contract a form can check as one types.
type MetaLimits struct {
	TitleMin           int `json:"title_min"`
	TitleMax           int `json:"title_max"`
	DescriptionMax     int `json:"description_max"`
	CommentMax         int `json:"comment_max"`
	AttachmentsMax     int `json:"attachments_max"`
	AttachmentMaxBytes int `json:"attachment_max_bytes"`
	PasswordMin        int `json:"password_min"`
	NameMin            int `json:"name_min"`
	NameMax            int `json:"name_max"`
	SkillsMax          int `json:"skills_max"`
	SkillMaxLength     int `json:"skill_max_length"`
}

// contractMeta builds the Meta from the contract packages.
func contractMeta() Meta {
	severity := make(map[string]int, len(ticket.Priorities))
	for i, p := range ticket.Priorities {
		severity[p] = i + 1
	}
	return Meta{
		Statuses:         ticket.Statuses,
		DoneStatus:       ticket.StatusDone,
		Priorities:       ticket.Priorities,
		PrioritySeverity: severity,
		Triages:          ticket.Triages,
		Roles:            user.Roles,
		StaffRoles:       []string{user.RoleModerator, user.RoleAdmin},
		AdminRole:        user.RoleAdmin,
		EventKinds:       history.Kinds,
		CommentSources:   comment.Sources,
		Limits: MetaLimits{
			TitleMin:           ticket.TitleMin,
			TitleMax:           ticket.TitleMax,
			DescriptionMax:     ticket.DescriptionMax,
			CommentMax:         comment.BodyMax,
			AttachmentsMax:     ticket.AttachmentsMax,
			AttachmentMaxBytes: ticket.AttachmentMaxSize,
			NameMin:            user.NameMin,
			NameMax:            user.NameMax,
			SkillsMax:          user.MaxSkills,
			SkillMaxLength:     user.MaxSkillLength,
		},
	}
}

// metaPath is the route of getMeta.
const metaPath = "/api/helpdesk/meta"

// getMeta answers the contract's enums and limits, the collections' field
// names and the routes of table (public: the sign-up form needs the name
// limits before anyone signs in).
func getMeta(table []Route) func(*core.RequestEvent) error {
	routes := make([]string, 0, len(table))
	for _, r := range table {
		routes = append(routes, r.Method+" "+r.Path)
	}
	return func(e *core.RequestEvent) error {
		m := contractMeta()
		m.Routes = routes
		var err error
		if m.TicketFields, err = fieldNames(e.App, ticket.Collection); err != nil {
			return e.InternalServerError("Failed to read the schema.", err)
		}
		if m.UserFields, err = fieldNames(e.App, user.Collection); err != nil {
			return e.InternalServerError("Failed to read the schema.", err)
		}
		m.Limits.PasswordMin = passwordMin(e.App)
		e.Response.Header().Set("Cache-Control", "no-cache")
		return e.JSON(http.StatusOK, m)
	}
}

// passwordMin is the users' password minimum length as the schema sets it
// (an operator may change it in the dashboard).
func passwordMin(app core.App) int {
	c, err := app.FindCachedCollectionByNameOrId(user.Collection)
	if err != nil {
		return 0
	}
	if f, ok := c.Fields.GetByName(core.FieldNamePassword).(*core.PasswordField); ok {
		return f.Min
	}
	return 0
}

// fieldNames lists a collection's fields a client may see (not hidden ones
// such as password or tokenKey).
func fieldNames(app core.App, collection string) ([]string, error) {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, f := range c.Fields {
		if !f.GetHidden() {
			out = append(out, f.GetName())
		}
	}
	return out, nil
}
