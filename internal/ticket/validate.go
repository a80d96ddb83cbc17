package ticket

import (
	"fmt"
	"net/url"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/jsonlist"
	"helpdesk/internal/text"
	"helpdesk/internal/user"
)

// Prepare normalizes a ticket before it is validated and saved, whoever
// saves it (API, triage worker, CLI): it trims the texts, fills the
// defaults of a new ticket, normalizes skills and checks links and the
// assignee. It returns field errors for values that cannot be fixed.
func Prepare(app core.App, r *core.Record) error {
	errs := validation.Errors{}

	// a title of zero-width spaces is blank
	r.Set(FieldTitle, text.Trim(r.GetString(FieldTitle)))
	r.Set(FieldDescription, text.Trim(r.GetString(FieldDescription)))
	r.Set(FieldSeverity, Severity(r.GetString(FieldPriority)))
	if r.IsNew() {
		if r.GetString(FieldStatus) == "" {
			r.Set(FieldStatus, StatusTodo)
		}
		if r.GetString(FieldTriage) == "" {
			r.Set(FieldTriage, TriagePending)
		}
	}

	if list, err := user.NormalizeSkills(r.Get(FieldRelatedSkills)); err != nil {
		errs[FieldRelatedSkills] = validation.NewError("validation_invalid_skills", err.Error())
	} else {
		r.Set(FieldRelatedSkills, list)
	}

	if links, err := ParseLinks(r.Get(FieldResourceLinks)); err != nil {
		errs[FieldResourceLinks] = validation.NewError("validation_invalid_links", err.Error())
	} else {
		r.Set(FieldResourceLinks, links)
	}

	// checked when the assignee changes only: an assignee who later lost
	// the staff role must not block every other edit of the ticket
	id := r.GetString(FieldAssignedTo)
	if id != "" && (r.IsNew() || id != r.Original().GetString(FieldAssignedTo)) {
		u, err := app.FindRecordById(user.Collection, id)
		if err != nil {
			errs[FieldAssignedTo] = validation.NewError("validation_invalid_assignee", "The assignee does not exist.")
		} else if role := u.GetString(user.FieldRole); role != user.RoleModerator && role != user.RoleAdmin {
			errs[FieldAssignedTo] = validation.NewError("validation_invalid_assignee", "Only a moderator or an admin can be assigned.")
		}
	}

	if len(errs) > 0 {
		return errs
	}
	return nil
}

// ParseLinks validates a raw resource_links value: an array of absolute
// http(s) URLs. Duplicates are dropped.
func ParseLinks(raw any) ([]string, error) {
	items, ok := jsonlist.Strings(raw)
	if !ok {
		return nil, fmt.Errorf("must be an array of http(s) URLs")
	}
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, s := range items {
		s = strings.TrimSpace(s)
		if !IsWebURL(s) {
			return nil, fmt.Errorf("%q is not an http(s) URL", s)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) > LinksMax {
		return nil, fmt.Errorf("at most %d links are allowed", LinksMax)
	}
	return out, nil
}

// IsWebURL reports whether s is an absolute http or https URL with a host.
func IsWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= LinkMax
}
