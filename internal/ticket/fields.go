// Package ticket holds the tickets contract: field names, enum values and
// the rules for who may write which field.
package ticket

// Collection is the name of the tickets collection.
const Collection = "tickets"

// Field names of the tickets collection.
const (
	FieldTitle         = "title"
	FieldDescription   = "description"
	FieldStatus        = "status"
	FieldPriority      = "priority"
	FieldSummary       = "summary"
	FieldHelpfulNotes  = "helpful_notes"
	FieldRelatedSkills = "related_skills"
	FieldResourceLinks = "resource_links"
	FieldTriage        = "triage"
	FieldAnalyzer      = "analyzer"
	FieldCreatedBy     = "created_by"
	FieldAssignedTo    = "assigned_to"
	FieldDue           = "due"

	// FieldNumber is the human ticket number (1, 2, 3, ... in creation
	// order, never reused), set by the server.
	FieldNumber = "number"
	// FieldAttachments are the files the creator sends with the ticket.
	FieldAttachments = "attachments"
	// FieldFirstResponseAt is when staff first replied in public.
	FieldFirstResponseAt = "first_response_at"
	// FieldResolvedAt is when the ticket was last set done (cleared on reopen).
	FieldResolvedAt = "resolved_at"
	// FieldSeverity is the priority as a number for queue order (see
	// Severity), set by the server.
	FieldSeverity = "severity"
)

// Values of the status field.
const (
	StatusTodo       = "todo"
	StatusAssigned   = "assigned"
	StatusInProgress = "in_progress"
	StatusDone       = "done"
)

// Values of the priority field (empty until triage sets it).
const (
	PriorityLow      = "low"
	PriorityMedium   = "medium"
	PriorityHigh     = "high"
	PriorityCritical = "critical"
)

// Values of the triage field.
const (
	TriagePending   = "pending"
	TriageAnalyzing = "analyzing"
	TriageAssigning = "assigning"
	TriageDone      = "done"
	TriageFailed    = "failed"
)

// Enum value lists, in schema order.
var (
	Statuses   = []string{StatusTodo, StatusAssigned, StatusInProgress, StatusDone}
	Priorities = []string{PriorityLow, PriorityMedium, PriorityHigh, PriorityCritical}
	Triages    = []string{TriagePending, TriageAnalyzing, TriageAssigning, TriageDone, TriageFailed}
)

// StaffOnlyFields are never sent to a plain user, by any route.
var StaffOnlyFields = []string{FieldHelpfulNotes, FieldRelatedSkills, FieldResourceLinks}

// NumberSequence names the counter in the sequences table that numbers
// tickets.
const NumberSequence = "tickets.number"
