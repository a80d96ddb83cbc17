package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/ticket"
)

// TestTicketsCreateWithAttachments: the creator's files come with the
// ticket in one multipart request (the portal's new-ticket form), and are
// stored as protected files of that ticket.
func TestTicketsCreateWithAttachments(t *testing.T) {
	body, mp, err := tests.MockMultipartData(map[string]string{"title": "Printer on fire", "description": "See the photo."}, ticket.FieldAttachments)
	if err != nil {
		t.Fatal(err)
	}
	s := call(t, "create with an attachment", asUser, http.MethodPost, ticketsURL, nil, http.StatusOK)
	s.Body = body
	s.Headers["Content-Type"] = mp.FormDataContentType()
	s.ExpectedContent = []string{`"title":"Printer on fire"`, `"attachments":["`}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		r, err := app.FindFirstRecordByData(ticket.Collection, ticket.FieldTitle, "Printer on fire")
		if err != nil {
			t.Fatal(err)
		}
		if files := r.GetStringSlice(ticket.FieldAttachments); len(files) != 1 || r.GetString(ticket.FieldCreatedBy) != idUser {
			t.Errorf("stored attachments %v by %s", files, r.GetString(ticket.FieldCreatedBy))
		}
	}
	s.Test(t)
}
