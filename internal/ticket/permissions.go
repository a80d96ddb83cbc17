package ticket

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/user"
)

// CreatableFields are the only body keys a client may send on create; the
// triage owns every other field. created_by is accepted only as the
// caller's own id (the create hook checks it).
var CreatableFields = []string{FieldTitle, FieldDescription, FieldAttachments, FieldCreatedBy}

// ServerFields are set by the server alone: only a superuser (an import)
// may write them.
var ServerFields = []string{FieldNumber, FieldFirstResponseAt, FieldResolvedAt}

// fields the assigned moderator may change.
var assigneeFields = []string{FieldStatus, FieldPriority, FieldHelpfulNotes, FieldAssignedTo}

// fields the creator may change (status only to done; text only while open).
var creatorFields = []string{FieldTitle, FieldDescription, FieldStatus}

// Actor is who is asking for a change.
type Actor struct {
	ID   string
	Role string
	// Superuser is a dashboard account: it may do anything.
	Superuser bool
}

// ActorOf builds an Actor from a request's auth record (nil: anonymous).
func ActorOf(auth *core.Record) Actor {
	if auth == nil {
		return Actor{}
	}
	if auth.IsSuperuser() {
		return Actor{ID: auth.Id, Superuser: true}
	}
	return Actor{ID: auth.Id, Role: user.RoleOf(auth)}
}

// ForbiddenFields returns, for each changed field the actor may not write,
// the reason; an empty map means the update is allowed. before is the
// stored ticket, after the ticket with the request applied.
func ForbiddenFields(a Actor, before, after *core.Record, changed []string) map[string]string {
	out := map[string]string{}
	// the server keeps severity equal to the priority: a value that
	// disagrees is refused even to admins (the same one sent back is not
	// a change)
	if slices.Contains(changed, FieldSeverity) && after.GetInt(FieldSeverity) != Severity(after.GetString(FieldPriority)) {
		out[FieldSeverity] = "The severity follows the priority and is set by the server; change the priority instead."
	}
	if a.Superuser {
		return out
	}
	for _, f := range changed {
		if slices.Contains(ServerFields, f) {
			out[f] = "The server sets this field."
		}
	}
	if a.Role == user.RoleAdmin {
		return out
	}
	isAssignee := a.ID != "" && a.Role == user.RoleModerator && before.GetString(FieldAssignedTo) == a.ID
	isCreator := a.ID != "" && before.GetString(FieldCreatedBy) == a.ID
	for _, f := range changed {
		if _, refused := out[f]; refused || f == FieldSeverity {
			continue // severity: checked above
		}
		if isAssignee && slices.Contains(assigneeFields, f) {
			if f == FieldAssignedTo && after.GetString(FieldAssignedTo) == "" {
				out[f] = "The assigned moderator may hand the ticket to another moderator or admin, not unassign it."
			}
			continue
		}
		if isCreator && slices.Contains(creatorFields, f) {
			if before.GetString(FieldStatus) == StatusDone {
				out[f] = "The ticket is done and can no longer be changed by its creator."
				continue
			}
			if f == FieldStatus && after.GetString(FieldStatus) != StatusDone {
				out[f] = "The creator may only set the status to done."
				continue
			}
			continue
		}
		out[f] = "You are not allowed to change this field."
	}
	return out
}

// ChangedFields lists the fields whose value differs between before and after.
func ChangedFields(before, after *core.Record) []string {
	var out []string
	for _, f := range after.Collection().Fields {
		name := f.GetName()
		if name == "id" || f.Type() == core.FieldTypeAutodate {
			continue
		}
		if !sameValue(before.Get(name), after.Get(name)) {
			out = append(out, name)
		}
	}
	return out
}

func sameValue(a, b any) bool {
	return stringify(a) == stringify(b)
}
