package hooks_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/comment"
	"helpdesk/internal/history"
)

// seen lists, per actor, the seeded comments they may read.
var seenComments = map[actor][]string{
	anonymous:   nil,
	asUser:      {idPublic, idReply},
	asOther:     {idOthersComment},
	asModerator: nil,
	asAssigned:  {idPublic, idReply, idNote},
	asAdmin:     {idPublic, idReply, idNote, idOthersComment},
	asSuperuser: {idPublic, idReply, idNote, idOthersComment},
}

var allComments = []string{idPublic, idReply, idNote, idOthersComment}

func TestCommentsMatrix(t *testing.T) {
	t.Parallel()
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		seen := seenComments[a]

		list := conv(call(t, "list comments", a, http.MethodGet, commentsURL+"?perPage=100", nil, http.StatusOK))
		list.ExpectedContent = []string{`"totalItems":` + strconv.Itoa(len(seen))}
		for _, id := range allComments {
			if contains(seen, id) {
				list.ExpectedContent = append(list.ExpectedContent, `"id":"`+id+`"`)
			} else {
				list.NotExpectedContent = append(list.NotExpectedContent, `"id":"`+id+`"`)
			}
		}
		if !contains(seen, idNote) {
			list.NotExpectedContent = append(list.NotExpectedContent, noteSecret, noteFile)
		}
		scenarios = append(scenarios, list)

		for _, id := range allComments {
			status := http.StatusNotFound
			if contains(seen, id) {
				status = http.StatusOK
			}
			view := conv(call(t, "view comment "+id, a, http.MethodGet, commentsURL+"/"+id, nil, status))
			if status == http.StatusOK {
				view.ExpectedContent = []string{`"id":"` + id + `"`}
			} else {
				view.NotExpectedContent = []string{noteSecret}
			}
			scenarios = append(scenarios, view)
		}

		// a public reply on the open ticket: its people may post
		reply := map[string]any{"ticket": idOpen, "body": "A reply from " + string(a)}
		var create tests.ApiScenario
		switch a {
		case asUser, asAssigned, asAdmin:
			create = conv(call(t, "reply on the open ticket", a, http.MethodPost, commentsURL, reply, http.StatusOK))
			create.ExpectedContent = []string{`"author":"` + actorIDs[a] + `"`, `"source":"web"`, `"internal":false`}
		case asSuperuser:
			withAuthor := map[string]any{"ticket": idOpen, "body": "Imported", "author": idAdmin, "source": "email"}
			create = conv(call(t, "import a comment", a, http.MethodPost, commentsURL, withAuthor, http.StatusOK))
			create.ExpectedContent = []string{`"author":"` + idAdmin + `"`, `"source":"email"`}
		case anonymous:
			create = conv(unchanged(call(t, "reply on the open ticket", a, http.MethodPost, commentsURL, reply, http.StatusBadRequest)))
		default:
			create = conv(unchanged(call(t, "reply on the open ticket", a, http.MethodPost, commentsURL, reply, http.StatusBadRequest)))
			create.ExpectedContent = []string{fieldError(comment.FieldTicket)}
		}
		scenarios = append(scenarios, create)

		// an internal note: the ticket's staff only
		note := map[string]any{"ticket": idOpen, "body": "A note from " + string(a), "internal": true}
		switch a {
		case asAssigned, asAdmin:
			s := conv(call(t, "internal note on the open ticket", a, http.MethodPost, commentsURL, note, http.StatusOK))
			s.ExpectedContent = []string{`"internal":true`}
			scenarios = append(scenarios, s)
		case asUser:
			s := conv(unchanged(call(t, "internal note on their own ticket", a, http.MethodPost, commentsURL, note, http.StatusBadRequest)))
			s.ExpectedContent = []string{fieldError(comment.FieldInternal)}
			scenarios = append(scenarios, s)
		}

		// comments are immutable: no update but a superuser's
		for _, id := range allComments {
			status := http.StatusForbidden
			if a == asSuperuser {
				status = http.StatusOK
			}
			s := conv(call(t, "update comment "+id, a, http.MethodPatch, commentsURL+"/"+id, map[string]any{"body": "Rewritten"}, status))
			if status != http.StatusOK {
				s = unchanged(s)
			}
			scenarios = append(scenarios, s)
		}

		// only an admin deletes
		for _, id := range allComments {
			status := http.StatusNotFound
			if a == asAdmin || a == asSuperuser {
				status = http.StatusNoContent
			}
			s := conv(call(t, "delete comment "+id, a, http.MethodDelete, commentsURL+"/"+id, nil, status))
			if status != http.StatusNoContent {
				s = unchanged(s)
			}
			scenarios = append(scenarios, s)
		}
	}
	run(t, withBodies(scenarios))
}

// withBodies gives each scenario that expects a body and names nothing in
// it the least it must contain: the error status or a record id.
func withBodies(scenarios []tests.ApiScenario) []tests.ApiScenario {
	for i, s := range scenarios {
		if len(s.ExpectedContent) > 0 || s.ExpectedStatus == http.StatusNoContent {
			continue
		}
		if s.ExpectedStatus >= 400 {
			scenarios[i].ExpectedContent = []string{`"status":` + strconv.Itoa(s.ExpectedStatus)}
		} else {
			scenarios[i].ExpectedContent = []string{`"id":`}
		}
	}
	return scenarios
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

var _ = history.Collection
