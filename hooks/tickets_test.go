package hooks_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/ticket"
)

const ticketsURL = "/api/collections/tickets/records"

func TestTicketsListAndView(t *testing.T) {
	t.Parallel()
	all := []string{idOpen, idOthers, idDone, idModTicket}
	visible := map[actor][]string{
		anonymous:   nil,
		asUser:      {idOpen, idDone},
		asOther:     {idOthers},
		asModerator: {idModTicket},
		asAssigned:  {idOpen, idDone},
		asAdmin:     all,
		asSuperuser: all,
	}
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		list := call(t, "list", a, http.MethodGet, ticketsURL+"?sort=id", nil, http.StatusOK)
		list.ExpectedContent = []string{`"totalItems":` + strconv.Itoa(len(visible[a]))}
		for _, id := range all {
			if slices.Contains(visible[a], id) {
				list.ExpectedContent = append(list.ExpectedContent, `"id":"`+id+`"`)
			} else {
				list.NotExpectedContent = append(list.NotExpectedContent, id)
			}
		}
		view := call(t, "view the open ticket", a, http.MethodGet, ticketsURL+"/"+idOpen, nil, http.StatusNotFound)
		view.ExpectedContent = []string{`"status":404`}
		if slices.Contains(visible[a], idOpen) {
			view.ExpectedStatus = http.StatusOK
			view.ExpectedContent = []string{`"id":"` + idOpen + `"`, `"title":"Printer jammed"`}
		}
		if a.staff() {
			if len(visible[a]) > 0 {
				list.ExpectedContent = append(list.ExpectedContent, `"helpful_notes":"`+staffNote, `"related_skills":["`+staffSkill+`"]`, `"resource_links":["`+staffLink+`"]`)
			}
			if view.ExpectedStatus == http.StatusOK {
				view.ExpectedContent = append(view.ExpectedContent, `"helpful_notes":"`+staffNote, `"related_skills":["`+staffSkill+`"]`, `"resource_links":["`+staffLink+`"]`)
			}
		} else {
			list, view = staffFieldsHidden(list), staffFieldsHidden(view)
		}
		scenarios = append(scenarios, list, view)
	}
	// everyone may read the tickets they see; nobody else's
	scenarios = append(scenarios,
		call(t, "view another user's ticket", asUser, http.MethodGet, ticketsURL+"/"+idOthers, nil, http.StatusNotFound),
		call(t, "view a ticket not assigned to them", asModerator, http.MethodGet, ticketsURL+"/"+idOpen, nil, http.StatusNotFound),
	)
	for i := range scenarios[len(scenarios)-2:] {
		scenarios[len(scenarios)-2+i].ExpectedContent = []string{`"status":404`}
	}
	// the caller's own filter still applies under the list scope, and a
	// filter that tries to break out of its parentheses sees no more: it
	// is refused, as PocketBase refuses it on its own (it was a 200 only
	// because the scope's parentheses completed it, cancelling the scope)
	ownFilter := call(t, "list with a filter", asUser, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`status = "done"`), nil, http.StatusOK)
	ownFilter.ExpectedContent = []string{`"totalItems":1`, `"id":"` + idDone + `"`}
	breakout := call(t, "list with a filter breaking out of its parentheses", asUser, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`1=1) || (1=1`), nil, http.StatusBadRequest)
	breakout.ExpectedContent = []string{fieldError("filter")}
	breakout.NotExpectedContent = []string{idOthers, idModTicket}
	scenarios = append(scenarios, ownFilter, breakout)
	run(t, scenarios)
}

func TestTicketsStaffFieldsThroughExpandAndFilters(t *testing.T) {
	t.Parallel()
	expandMine := "/api/collections/users/records/" + idUser + "?expand=tickets_via_created_by"
	withNotes := func(s tests.ApiScenario) tests.ApiScenario {
		s.ExpectedContent = append(s.ExpectedContent, `"helpful_notes":"`+staffNote, `"related_skills":["`+staffSkill+`"]`, `"resource_links":["`+staffLink+`"]`)
		return s
	}
	expanded := func(s tests.ApiScenario) tests.ApiScenario {
		s.ExpectedContent = append(s.ExpectedContent, `"tickets_via_created_by":[`, `"id":"`+idOpen+`"`, `"id":"`+idDone+`"`)
		return s
	}
	refused := func(s tests.ApiScenario, param string) tests.ApiScenario {
		s.ExpectedContent = []string{fieldError(param), "for staff only"}
		return unchanged(s)
	}
	scenarios := []tests.ApiScenario{
		staffFieldsHidden(expanded(call(t, "own account expanding their tickets", asUser, http.MethodGet, expandMine, nil, http.StatusOK))),
		staffFieldsHidden(expanded(call(t, "users list expanding their tickets", asUser, http.MethodGet, "/api/collections/users/records?expand=tickets_via_created_by", nil, http.StatusOK))),
		staffFieldsHidden(expanded(call(t, "auth refresh expanding their tickets", asUser, http.MethodPost, "/api/collections/users/auth-refresh?expand=tickets_via_created_by", nil, http.StatusOK))),
		withNotes(expanded(call(t, "a user expanding the tickets assigned to them", asAssigned, http.MethodGet, expandMine, nil, http.StatusOK))),
		withNotes(expanded(call(t, "a user expanding their tickets", asAdmin, http.MethodGet, expandMine, nil, http.StatusOK))),

		refused(call(t, "filter on helpful_notes", asUser, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`helpful_notes != ""`), nil, http.StatusBadRequest), "filter"),
		refused(call(t, "filter on related_skills", asUser, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`related_skills ~ "staff"`), nil, http.StatusBadRequest), "filter"),
		refused(call(t, "filter on resource_links", asOther, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`resource_links ~ "staff"`), nil, http.StatusBadRequest), "filter"),
		refused(call(t, "sort by resource_links", asUser, http.MethodGet, ticketsURL+"?sort=-resource_links", nil, http.StatusBadRequest), "sort"),
		refused(call(t, "filter on helpful_notes", anonymous, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`helpful_notes ~ "x"`), nil, http.StatusBadRequest), "filter"),
		refused(call(t, "users filter through the back-relation", asUser, http.MethodGet, "/api/collections/users/records?filter="+url.QueryEscape(`tickets_via_created_by.helpful_notes ?~ "STAFF"`), nil, http.StatusBadRequest), "filter"),
	}
	// field names are case-sensitive: PocketBase refuses the unknown field
	upper := call(t, "filter on HELPFUL_NOTES", asUser, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`HELPFUL_NOTES != ""`), nil, http.StatusBadRequest)
	upper.ExpectedContent = []string{`"status":400`}
	upper.NotExpectedContent = []string{staffNote}
	scenarios = append(scenarios, unchanged(upper))
	// PocketBase itself keeps @collection filters to superusers
	viaCollection := call(t, "users filter through @collection", asUser, http.MethodGet, "/api/collections/users/records?filter="+url.QueryEscape(`@collection.tickets.helpful_notes ?~ "STAFF"`), nil, http.StatusForbidden)
	viaCollection.ExpectedContent = []string{"@collection"}
	scenarios = append(scenarios, unchanged(viaCollection))
	staffFilter := call(t, "filter on helpful_notes", asAssigned, http.MethodGet, ticketsURL+"?filter="+url.QueryEscape(`helpful_notes ~ "Printer"`), nil, http.StatusOK)
	staffFilter.ExpectedContent = []string{`"totalItems":1`, `"id":"` + idOpen + `"`}
	staffSort := call(t, "sort by related_skills", asAdmin, http.MethodGet, ticketsURL+"?sort=-related_skills", nil, http.StatusOK)
	staffSort.ExpectedContent = []string{`"totalItems":4`}
	scenarios = append(scenarios, staffFilter, staffSort)
	run(t, scenarios)
}

func TestTicketsBatch(t *testing.T) {
	t.Parallel()
	enableBatch := func(s tests.ApiScenario) tests.ApiScenario {
		inner := s.BeforeTestFunc
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			app.Settings().Batch.Enabled = true
			if err := app.Save(app.Settings()); err != nil {
				t.Fatal(err)
			}
			if inner != nil {
				inner(t, app, e)
			}
		}
		return s
	}
	batch := func(requests ...map[string]any) map[string]any {
		return map[string]any{"requests": requests}
	}
	create := func(body map[string]any) map[string]any {
		return map[string]any{"method": "POST", "url": ticketsURL, "body": body}
	}
	update := func(id string, body map[string]any) map[string]any {
		return map[string]any{"method": "PATCH", "url": ticketsURL + "/" + id, "body": body}
	}

	created := enableBatch(call(t, "batch create", asUser, http.MethodPost, "/api/batch",
		batch(create(map[string]any{"title": "Batch ticket", "description": "Made in a batch"})), http.StatusOK))
	created.ExpectedContent = []string{`"title":"Batch ticket"`, `"created_by":"` + idUser + `"`}
	created = staffFieldsHidden(created)
	createdAfter := created.AfterTestFunc
	created.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if createdAfter != nil {
			createdAfter(t, app, res)
		}
		if n := countTickets(t, app); n != 5 {
			t.Errorf("tickets = %d, want 5", n)
		}
	}

	forbiddenCreate := call(t, "batch create with a priority", asUser, http.MethodPost, "/api/batch",
		batch(create(map[string]any{"title": "Batch ticket", "description": "Made in a batch"}),
			create(map[string]any{"title": "Second", "description": "Sets a priority", "priority": "high"})), http.StatusBadRequest)
	forbiddenCreate.ExpectedContent = []string{fieldError("priority")}
	forbiddenCreate = enableBatch(unchanged(forbiddenCreate))

	forbiddenUpdate := call(t, "batch update of helpful_notes", asUser, http.MethodPost, "/api/batch",
		batch(update(idOpen, map[string]any{"title": "Allowed change"}),
			update(idOpen, map[string]any{"helpful_notes": "not mine to write"})), http.StatusBadRequest)
	forbiddenUpdate.ExpectedContent = []string{fieldError("helpful_notes")}
	forbiddenUpdate = enableBatch(unchanged(forbiddenUpdate))

	wrongType := call(t, "batch update with a numeric title", asUser, http.MethodPost, "/api/batch",
		batch(update(idOpen, map[string]any{"title": 12345})), http.StatusBadRequest)
	wrongType.ExpectedContent = []string{fieldError("title")}
	wrongType = enableBatch(unchanged(wrongType))

	run(t, []tests.ApiScenario{created, forbiddenCreate, forbiddenUpdate, wrongType})
}

func TestTicketsCreate(t *testing.T) {
	t.Parallel()
	ok := map[string]any{"title": "New problem", "description": "Something broke."}
	with := func(k string, v any) map[string]any {
		b := map[string]any{"title": "New problem", "description": "Something broke."}
		b[k] = v
		return b
	}
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		if a == anonymous {
			s := call(t, "create", a, http.MethodPost, ticketsURL, ok, http.StatusBadRequest)
			s.ExpectedContent = []string{`"status":400`}
			scenarios = append(scenarios, unchanged(s))
			continue
		}
		if a == asSuperuser {
			continue // not a users record: covered below with an explicit created_by
		}
		s := call(t, "create", a, http.MethodPost, ticketsURL, ok, http.StatusOK)
		s.ExpectedContent = []string{`"title":"New problem"`, `"created_by":"` + actorIDs[a] + `"`, `"status":"todo"`, `"triage":"pending"`, `"priority":""`}
		if a.staff() {
			s.ExpectedContent = append(s.ExpectedContent, `"helpful_notes":""`)
		} else {
			s = staffFieldsHidden(s)
		}
		s.AfterTestFunc = newTicketStored(actorIDs[a])
		scenarios = append(scenarios, s)
	}
	self := call(t, "create naming themselves in created_by", asUser, http.MethodPost, ticketsURL, with("created_by", idUser), http.StatusOK)
	self.ExpectedContent = []string{`"created_by":"` + idUser + `"`}
	self.AfterTestFunc = newTicketStored(idUser)
	super := call(t, "create for a user", asSuperuser, http.MethodPost, ticketsURL, with("created_by", idUser), http.StatusOK)
	super.ExpectedContent = []string{`"created_by":"` + idUser + `"`}
	super.AfterTestFunc = newTicketStored(idUser)
	scenarios = append(scenarios, self, super)

	// every field but title and description is the triage's: refused
	// for everyone, admins included, naming the field
	refused := []struct {
		field string
		value any
	}{
		{ticket.FieldStatus, ticket.StatusDone},
		{ticket.FieldPriority, ticket.PriorityHigh},
		{ticket.FieldAssignedTo, idAssigned},
		{ticket.FieldSummary, "my summary"},
		{ticket.FieldHelpfulNotes, "notes"},
		{ticket.FieldRelatedSkills, []string{"go"}},
		{ticket.FieldResourceLinks, []string{"https://example.com"}},
		{ticket.FieldTriage, ticket.TriageDone},
		{ticket.FieldAnalyzer, "me"},
		{ticket.FieldDue, "2030-01-01 00:00:00.000Z"},
		{"status", ""},
		{"priority+", "high"},
		{"unknown_field", "x"},
	}
	for _, a := range []actor{asUser, asAssigned, asAdmin} {
		for _, r := range refused {
			field := strings.TrimSuffix(r.field, "+")
			s := call(t, "create with "+r.field, a, http.MethodPost, ticketsURL, with(r.field, r.value), http.StatusBadRequest)
			s.ExpectedContent = []string{fieldError(field)}
			// refused by the request hook, before any save is attempted
			s = expectEvents(s, map[string]int{"OnRecordCreateRequest": 1, "OnRecordCreate": 0})
			scenarios = append(scenarios, unchanged(s))
		}
	}
	forged := call(t, "create with a forged created_by", asUser, http.MethodPost, ticketsURL, with("created_by", idOther), http.StatusBadRequest)
	forged.ExpectedContent = []string{fieldError("created_by")}
	forgedByAdmin := call(t, "create with a forged created_by", asAdmin, http.MethodPost, ticketsURL, with("created_by", idUser), http.StatusBadRequest)
	forgedByAdmin.ExpectedContent = []string{fieldError("created_by")}
	scenarios = append(scenarios, unchanged(forged), unchanged(forgedByAdmin))
	run(t, scenarios)
}

func TestTicketsCreateBadInput(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("x", n) }
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"missing title", map[string]any{"description": "d"}, "title"},
		{"missing description", map[string]any{"title": "A title"}, "description"},
		{"null title", map[string]any{"title": nil, "description": "d"}, "title"},
		{"blank title", map[string]any{"title": "   ", "description": "d"}, "title"},
		{"title shorter than 3 after trimming", map[string]any{"title": "  ab  ", "description": "d"}, "title"},
		{"title over 200", map[string]any{"title": long(201), "description": "d"}, "title"},
		{"description over 20000", map[string]any{"title": "A title", "description": long(20001)}, "description"},
		{"blank description", map[string]any{"title": "A title", "description": " \n "}, "description"},
		{"title a number", map[string]any{"title": 12345, "description": "d"}, "title"},
		{"title an object", map[string]any{"title": map[string]any{"a": "bcd"}, "description": "d"}, "title"},
		{"description an array", map[string]any{"title": "A title", "description": []string{"a", "b"}}, "description"},
		{"created_by a number", map[string]any{"title": "A title", "description": "d", "created_by": 7}, "created_by"},
	}
	var scenarios []tests.ApiScenario
	for _, c := range cases {
		s := call(t, c.name, asUser, http.MethodPost, ticketsURL, c.body, http.StatusBadRequest)
		s.ExpectedContent = []string{fieldError(c.field)}
		scenarios = append(scenarios, unchanged(s))
	}
	notJSON := call(t, "a body that is not JSON", asUser, http.MethodPost, ticketsURL, `{"title": "A ti`, http.StatusBadRequest)
	notJSON.ExpectedContent = []string{`"status":400`}
	scenarios = append(scenarios, unchanged(notJSON))

	// form values are text: a numeric-looking title is a title
	form := call(t, "a form body with a numeric title", asUser, http.MethodPost, ticketsURL, "title=12345&description=Typed+in+a+form", http.StatusOK)
	form.Headers = maps.Clone(form.Headers)
	form.Headers["Content-Type"] = "application/x-www-form-urlencoded"
	form.ExpectedContent = []string{`"title":"12345"`}
	form.AfterTestFunc = newTicketStored(idUser)
	scenarios = append(scenarios, form)

	// the limits themselves are accepted
	for _, b := range []struct {
		name, title, description string
	}{
		{"title of exactly 3 after trimming", "  abc ", "d"},
		{"title of exactly 200", long(200), "d"},
		{"description of exactly 20000", "A title", long(20000)},
	} {
		s := call(t, b.name, asUser, http.MethodPost, ticketsURL, map[string]any{"title": b.title, "description": b.description}, http.StatusOK)
		s.ExpectedContent = []string{`"title":"` + strings.TrimSpace(b.title) + `"`}
		s.AfterTestFunc = newTicketStored(idUser)
		scenarios = append(scenarios, s)
	}
	run(t, scenarios)
}

// change is one field update of the open ticket (by user, assigned to the
// assigned moderator, status assigned).
type change struct {
	field string
	value any
	// stored is the value's stored text form
	stored string
}

var changes = []change{
	{ticket.FieldTitle, "Printer still jammed", "Printer still jammed"},
	{ticket.FieldDescription, "Now it also beeps.", "Now it also beeps."},
	{ticket.FieldStatus, ticket.StatusInProgress, ticket.StatusInProgress},
	{ticket.FieldStatus, ticket.StatusDone, ticket.StatusDone},
	{ticket.FieldPriority, ticket.PriorityHigh, ticket.PriorityHigh},
	{ticket.FieldSummary, "A new summary", "A new summary"},
	{ticket.FieldHelpfulNotes, "Try turning it off and on.", "Try turning it off and on."},
	{ticket.FieldRelatedSkills, []string{" Printing ", "printing", "Paper  Feed"}, `["printing","paper feed"]`},
	{ticket.FieldResourceLinks, []string{"https://example.org/printers"}, `["https://example.org/printers"]`},
	{ticket.FieldTriage, ticket.TriageFailed, ticket.TriageFailed},
	{ticket.FieldAnalyzer, "manual", "manual"},
	{ticket.FieldCreatedBy, idOther, idOther},
	{ticket.FieldAssignedTo, idAdmin, idAdmin},
	{ticket.FieldAssignedTo, idMod, idMod},
	{ticket.FieldAssignedTo, "", ""},
	{ticket.FieldDue, "2030-01-31 12:00:00.000Z", "2030-01-31 12:00:00.000Z"},
}

// allowed says whether the actor may make the change to the open ticket,
// straight from the rules.
func allowed(a actor, c change) bool {
	switch a {
	case asAdmin, asSuperuser:
		return true
	case asAssigned:
		switch c.field {
		case ticket.FieldStatus, ticket.FieldPriority, ticket.FieldHelpfulNotes:
			return true
		case ticket.FieldAssignedTo:
			return c.value != "" // to another moderator or admin
		}
	case asUser:
		switch c.field {
		case ticket.FieldTitle, ticket.FieldDescription:
			return true
		case ticket.FieldStatus:
			return c.value == ticket.StatusDone
		}
	}
	return false
}

func TestTicketsUpdatePerField(t *testing.T) {
	t.Parallel()
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		for _, c := range changes {
			name := "update " + c.field + " to " + strings.TrimSpace(c.stored)
			s := call(t, name, a, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{c.field: c.value}, http.StatusOK)
			switch {
			case a == anonymous || a == asOther || a == asModerator:
				// they cannot see the ticket at all
				s.ExpectedStatus = http.StatusNotFound
				s.ExpectedContent = []string{`"status":404`}
				s = unchanged(s)
			case !allowed(a, c):
				s.ExpectedStatus = http.StatusForbidden
				if c.field == ticket.FieldCreatedBy {
					s.ExpectedStatus = http.StatusBadRequest // a forged created_by
				}
				s.ExpectedContent = []string{fieldError(c.field)}
				s = expectEvents(s, map[string]int{"OnRecordUpdateRequest": 1, "OnRecordUpdate": 0})
				s = unchanged(s)
			default:
				s.ExpectedContent = []string{`"id":"` + idOpen + `"`}
				s = expectEvents(s, map[string]int{"OnRecordAfterUpdateSuccess": 1})
				if !a.staff() {
					s = staffFieldsHidden(s)
				}
				s = stored(s, ticket.Collection, idOpen, c.field, c.stored)
			}
			scenarios = append(scenarios, s)
		}
	}

	// the creator's rights end when the ticket is done
	for _, c := range []change{
		{field: ticket.FieldTitle, value: "Reopened title"},
		{field: ticket.FieldDescription, value: "More text"},
		{field: ticket.FieldStatus, value: ticket.StatusTodo},
	} {
		s := call(t, "update "+c.field+" of a done ticket", asUser, http.MethodPatch, ticketsURL+"/"+idDone, map[string]any{c.field: c.value}, http.StatusForbidden)
		s.ExpectedContent = []string{fieldError(c.field)}
		scenarios = append(scenarios, unchanged(s))
	}
	// unchanged values are not changes: a client may send the whole record back
	same := call(t, "update sending back stored values", asUser, http.MethodPatch, ticketsURL+"/"+idOpen,
		map[string]any{"title": "Changed title", "status": ticket.StatusAssigned, "priority": ticket.PriorityMedium, "assigned_to": idAssigned}, http.StatusOK)
	same.ExpectedContent = []string{`"title":"Changed title"`}
	same = stored(same, ticket.Collection, idOpen, ticket.FieldTitle, "Changed title")
	// one refused field refuses the whole update
	mixed := call(t, "update title and priority", asUser, http.MethodPatch, ticketsURL+"/"+idOpen,
		map[string]any{"title": "Changed title", "priority": ticket.PriorityCritical}, http.StatusForbidden)
	mixed.ExpectedContent = []string{fieldError("priority")}
	mixed.NotExpectedContent = []string{fieldError("title")}
	scenarios = append(scenarios, same, unchanged(mixed))
	run(t, scenarios)
}

func TestTicketsUpdateBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		as    actor
		name  string
		body  map[string]any
		field string
	}{
		{asAdmin, "unknown status", map[string]any{"status": "closed"}, "status"},
		{asAdmin, "unknown priority", map[string]any{"priority": "urgent"}, "priority"},
		{asAdmin, "unknown triage", map[string]any{"triage": "maybe"}, "triage"},
		{asAssigned, "unknown status", map[string]any{"status": "closed"}, "status"},
		{asAssigned, "unknown priority", map[string]any{"priority": "urgent"}, "priority"},
		{asAdmin, "assigned_to a plain user", map[string]any{"assigned_to": idOther}, "assigned_to"},
		{asAssigned, "assigned_to a plain user", map[string]any{"assigned_to": idUser}, "assigned_to"},
		{asAdmin, "assigned_to nobody known", map[string]any{"assigned_to": "nosuchuser0000"}, "assigned_to"},
		{asAdmin, "related_skills not an array", map[string]any{"related_skills": "go"}, "related_skills"},
		{asAdmin, "related_skills with a number", map[string]any{"related_skills": []any{"go", 7}}, "related_skills"},
		{asAdmin, "resource_links not http", map[string]any{"resource_links": []string{"ftp://example.com/x"}}, "resource_links"},
		{asAdmin, "resource_links not a list", map[string]any{"resource_links": map[string]any{"a": "https://example.com"}}, "resource_links"},
		{asAdmin, "due not a date", map[string]any{"due": "next tuesday"}, "due"},
		{asAdmin, "title a number", map[string]any{"title": 12345}, "title"},
		{asAdmin, "title too short", map[string]any{"title": " ab "}, "title"},
		{asAdmin, "title over 200", map[string]any{"title": strings.Repeat("t", 201)}, "title"},
		{asAdmin, "description over 20000", map[string]any{"description": strings.Repeat("d", 20001)}, "description"},
		{asAdmin, "description emptied", map[string]any{"description": ""}, "description"},
		{asUser, "title emptied", map[string]any{"title": ""}, "title"},
		{asUser, "description a boolean", map[string]any{"description": true}, "description"},
		{asAdmin, "created_by nobody known", map[string]any{"created_by": "nosuchuser0000"}, "created_by"},
	}
	var scenarios []tests.ApiScenario
	for _, c := range cases {
		s := call(t, c.name, c.as, http.MethodPatch, ticketsURL+"/"+idOpen, c.body, http.StatusBadRequest)
		s.ExpectedContent = []string{fieldError(c.field)}
		scenarios = append(scenarios, unchanged(s))
	}
	run(t, scenarios)
}

func TestTicketsDelete(t *testing.T) {
	t.Parallel()
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		s := call(t, "delete", a, http.MethodDelete, ticketsURL+"/"+idOpen, nil, http.StatusNotFound)
		if a == asAdmin || a == asSuperuser {
			s.ExpectedStatus = http.StatusNoContent
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if _, err := app.FindRecordById(ticket.Collection, idOpen); err == nil {
					t.Error("the ticket is still stored")
				}
			}
		} else {
			s.ExpectedContent = []string{`"status":404`}
			s = unchanged(s)
		}
		scenarios = append(scenarios, s)
	}
	run(t, scenarios)
}

// newTicketStored asserts that exactly one ticket was added, created by
// the given user, with the defaults of a new ticket.
func newTicketStored(createdBy string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		var body struct {
			ID string `json:"id"`
		}
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		if n := countTickets(t, app); n != 5 {
			t.Errorf("tickets = %d, want 5", n)
		}
		r, err := app.FindRecordById(ticket.Collection, body.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			ticket.FieldCreatedBy: createdBy, ticket.FieldStatus: ticket.StatusTodo, ticket.FieldTriage: ticket.TriagePending,
			ticket.FieldPriority: "", ticket.FieldAssignedTo: "", ticket.FieldHelpfulNotes: "",
		}
		for f, v := range want {
			if got := r.GetString(f); got != v {
				t.Errorf("stored %s = %q, want %q", f, got, v)
			}
		}
	}
}

func countTickets(t testing.TB, app core.App) int {
	t.Helper()
	n, err := app.CountRecords(ticket.Collection)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
