package hooks_test

import (
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"helpdesk/internal/comment"
	"helpdesk/internal/ticket"
)

const (
	commentsURL = "/api/collections/" + comment.Collection + "/records"
	eventsURL   = "/api/collections/ticket_events/records"

	// on the open ticket: the user's question (with a file), the
	// assigned moderator's reply and internal note (with a file)
	idPublic = "comment00000001"
	idReply  = "comment00000002"
	idNote   = "comment00000003"
	// on the other user's ticket, by them
	idOthersComment = "comment00000004"

	// noteSecret is only in the internal note and its file
	noteSecret = "NOTE-SECRET"

	// the commented events of the reply and of the note, renamed so
	// that tables can name them
	idReplyEvent = "evreply00000001"
	idNoteEvent  = "evnote000000001"

	ticketFile = "ticket_fixed0001.txt"
	publicFile = "public_fixed0001.txt"
	noteFile   = "note_fixed000001.txt"
)

// newConvApp is newApp with a conversation on the open ticket and one on
// the other user's ticket, saved through the model (so with their effects
// and history).
func newConvApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app := newApp(t)
	seedConversation(t, app)
	return app
}

func seedConversation(t testing.TB, app core.App) {
	t.Helper()
	open, err := app.FindRecordById(ticket.Collection, idOpen)
	if err != nil {
		t.Fatal(err)
	}
	open.Set(ticket.FieldAttachments, namedFile(t, ticketFile, "the ticket's screenshot"))
	if err := app.Save(open); err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId(comment.Collection)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id, ticket, author, body, file string
		internal                       bool
	}{
		{idPublic, idOpen, idUser, "The printer still beeps.", publicFile, false},
		{idReply, idOpen, idAssigned, "Please power-cycle it.", "", false},
		{idNote, idOpen, idAssigned, noteSecret + ": the printer is end of life.", noteFile, true},
		{idOthersComment, idOthers, idOther, "Any news?", "", false},
	} {
		r := core.NewRecord(col)
		r.Id = c.id
		r.Set(comment.FieldTicket, c.ticket)
		r.Set(comment.FieldAuthor, c.author)
		r.Set(comment.FieldBody, c.body)
		r.Set(comment.FieldInternal, c.internal)
		if c.file != "" {
			content := "file of " + c.id
			if c.internal {
				content += " " + noteSecret
			}
			r.Set(comment.FieldAttachments, namedFile(t, c.file, content))
		}
		if err := app.Save(r); err != nil {
			t.Fatalf("seed comment %s: %v", c.id, err)
		}
	}
	for id, to := range map[string]string{idReplyEvent: idReply, idNoteEvent: idNote} {
		_, err := app.DB().NewQuery(`UPDATE ticket_events SET id = {:id} WHERE kind = 'commented' AND "to" = {:to}`).
			Bind(dbx.Params{"id": id, "to": to}).Execute()
		if err != nil {
			t.Fatal(err)
		}
	}
	// file tokens made on one app are valid on every other, like the
	// auth tokens (fileTokens)
	for _, name := range []string{"users", core.CollectionNameSuperusers} {
		col, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		col.FileToken.Secret = "file-token-secret-of-" + name + "-fixed-for-tests-0123456789"
		col.FileToken.Duration = 3600
		if err := app.Save(col); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	fileTokensOnce sync.Once
	fileTokens     map[actor]string
)

// fileToken is the actor's file token ("" for anonymous).
func fileToken(t testing.TB, a actor) string {
	t.Helper()
	fileTokensOnce.Do(func() {
		app := newConvApp(t)
		fileTokens = map[actor]string{}
		for a := range actorIDs {
			var err error
			if fileTokens[a], err = actorRecord(t, app, a).NewFileToken(); err != nil {
				t.Fatal(err)
			}
		}
	})
	return fileTokens[a]
}

// namedFile is an upload with a fixed stored name, so that tables can
// name its URL.
func namedFile(t testing.TB, name, content string) *filesystem.File {
	t.Helper()
	f, err := filesystem.NewFileFromBytes([]byte(content), name)
	if err != nil {
		t.Fatal(err)
	}
	f.Name = name
	return f
}

// conv makes a scenario run on the conversation app.
func conv(s tests.ApiScenario) tests.ApiScenario {
	s.TestAppFactory = newConvApp
	return s
}
