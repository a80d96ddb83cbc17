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
	// Roles are the users' roles, StaffRoles those who work tickets.
	Roles      []string `json:"roles"`
	StaffRoles []string `json:"staff_roles"`
	// EventKinds are the kinds of a ticket's history events.
	EventKinds []string `json:"event_kinds"`
	// CommentSources are where a comment came from.
	CommentSources []string `json:"comment_sources"`
	// Limits are the text, list and file limits forms check before sending.
	Limits MetaLimits `json:"limits"`
}

// MetaLimits are the limits of the contract a form can check as one types.
type MetaLimits struct {
	TitleMin           int `json:"title_min"`
	TitleMax           int `json:"title_max"`
	DescriptionMax     int `json:"description_max"`
	CommentMax         int `json:"comment_max"`
	AttachmentsMax     int `json:"attachments_max"`
	AttachmentMaxBytes int `json:"attachment_max_bytes"`
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

// getMeta answers the contract's enums and limits (public: the sign-up
// form needs the name limits before anyone signs in).
func getMeta(e *core.RequestEvent) error {
	e.Response.Header().Set("Cache-Control", "no-cache")
	return e.JSON(http.StatusOK, contractMeta())
}
