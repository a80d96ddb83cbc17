package hooks_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"helpdesk/internal/comment"
	"helpdesk/internal/ticket"
)

// upload is one file part of a multipart body.
type upload struct {
	field, name, contentType string
	content                  []byte
}

// multipartBody encodes form values and files as a browser would.
func multipartBody(t testing.TB, values map[string]string, files ...upload) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range values {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+f.field+`"; filename="`+f.name+`"`)
		ct := f.contentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		h.Set("Content-Type", ct)
		part, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := part.Write(f.content); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// multipartCall is call with a multipart body.
func multipartCall(t *testing.T, name string, as actor, url string, values map[string]string, status int, files ...upload) tests.ApiScenario {
	t.Helper()
	s := call(t, name, as, http.MethodPost, url, nil, status)
	body, contentType := multipartBody(t, values, files...)
	s.Body = body
	if s.Headers == nil {
		s.Headers = map[string]string{}
	}
	s.Headers["Content-Type"] = contentType
	return s
}

func fileURL(collection, id, name string) string {
	return "/api/files/" + collection + "/" + id + "/" + name
}

// TestAttachmentsMatrix: every role reads the protected files it may
// view the record of, with its own file token, and nothing without one;
// nobody but an admin changes a ticket's files, nobody a comment's.
func TestAttachmentsMatrix(t *testing.T) {
	t.Parallel()
	files := []struct {
		collection, id, name string
		readers              []actor
	}{
		{ticket.Collection, idOpen, ticketFile, []actor{asUser, asAssigned, asAdmin, asSuperuser}},
		{comment.Collection, idPublic, publicFile, []actor{asUser, asAssigned, asAdmin, asSuperuser}},
		{comment.Collection, idNote, noteFile, []actor{asAssigned, asAdmin, asSuperuser}},
	}
	var scenarios []tests.ApiScenario
	for _, a := range allActors {
		for _, f := range files {
			status := http.StatusNotFound
			if contains(actorNames(f.readers), string(a)) {
				status = http.StatusOK
			}
			// the file token only: no Authorization header
			s := conv(call(t, "read "+f.name+" with a file token", anonymous, http.MethodGet, fileURL(f.collection, f.id, f.name)+"?token="+fileToken(t, a), nil, status))
			s.Name = string(a) + ": read " + f.name + " with their file token"
			if status == http.StatusOK {
				s.ExpectedContent = []string{"file of"}
				if f.id == idOpen {
					s.ExpectedContent = []string{"screenshot"}
				}
			} else {
				s.NotExpectedContent = []string{"file of", "screenshot"}
			}
			scenarios = append(scenarios, s)

			// an auth header is not a file token
			if a != anonymous {
				h := conv(call(t, "read "+f.name+" with no file token", a, http.MethodGet, fileURL(f.collection, f.id, f.name), nil, http.StatusNotFound))
				scenarios = append(scenarios, h)
			}
		}

		// a ticket's files: only admins change them
		status := map[actor]int{anonymous: http.StatusNotFound, asUser: http.StatusForbidden, asOther: http.StatusNotFound,
			asModerator: http.StatusNotFound, asAssigned: http.StatusForbidden, asAdmin: http.StatusOK, asSuperuser: http.StatusOK}[a]
		del := conv(call(t, "remove the ticket's file", a, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"attachments-": ticketFile}, status))
		if status != http.StatusOK {
			del = unchanged(del)
		} else {
			del.ExpectedContent = []string{`"attachments":[]`}
		}
		scenarios = append(scenarios, del)

		// a comment's files: nobody but a superuser
		cstatus := http.StatusForbidden
		if a == asSuperuser {
			cstatus = http.StatusOK
		}
		cdel := conv(call(t, "remove the comment's file", a, http.MethodPatch, commentsURL+"/"+idPublic, map[string]any{"attachments-": publicFile}, cstatus))
		if cstatus != http.StatusOK {
			cdel = unchanged(cdel)
		}
		scenarios = append(scenarios, cdel)
	}
	run(t, withBodies(scenarios))
}

func actorNames(as []actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, string(a))
	}
	return out
}

// TestAttachmentsUploadAndFileTokenFlow uploads over multipart to a real
// server, asks /api/files/token for tokens and reads the files back:
// no token, the creator's, another user's, the assigned moderator's.
func TestAttachmentsUploadAndFileTokenFlow(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)

	send := func(as actor, path string, values map[string]string, files ...upload) (int, []byte) {
		body, contentType := multipartBody(t, values, files...)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, body)
		req.Header.Set("Content-Type", contentType)
		for k, v := range authHeaders(t, as) {
			req.Header.Set(k, v)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		out, _ := io.ReadAll(res.Body)
		return res.StatusCode, out
	}
	var created struct {
		ID          string
		Attachments []string
	}
	status, raw := send(asUser, ticketsURL, map[string]string{"title": "Scanner broken", "description": "See the log."},
		upload{"attachments", "scan.log", "text/plain", []byte("scanner log line")},
		upload{"attachments", "photo.png", "image/png", []byte("\x89PNG\r\n\x1a\nfake")})
	if status != http.StatusOK || json.Unmarshal(raw, &created) != nil || len(created.Attachments) != 2 {
		t.Fatalf("ticket with files: %d %s", status, raw)
	}
	expectEventKinds(t, app, created.ID, "attachment", 2)

	var reply struct {
		ID          string
		Attachments []string
	}
	status, raw = send(asUser, commentsURL, map[string]string{"ticket": created.ID, "body": "And the config."},
		upload{"attachments", "scanner.conf", "text/plain", []byte("dpi=600")})
	if status != http.StatusOK || json.Unmarshal(raw, &reply) != nil || len(reply.Attachments) != 1 {
		t.Fatalf("comment with a file: %d %s", status, raw)
	}
	expectEventKinds(t, app, created.ID, "attachment", 3)

	token := func(as actor) string {
		var out struct{ Token string }
		raw := mustDo(t, srv, as, http.MethodPost, "/api/files/token", nil)
		if err := json.Unmarshal(raw, &out); err != nil || out.Token == "" {
			t.Fatalf("file token of %s: %s", as, raw)
		}
		return out.Token
	}
	get := func(path, tok string) (int, string) {
		u := srv.URL + path
		if tok != "" {
			u += "?token=" + tok
		}
		res, err := srv.Client().Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	ticketFileURL := fileURL(ticket.Collection, created.ID, created.Attachments[0])
	commentFileURL := fileURL(comment.Collection, reply.ID, reply.Attachments[0])
	for _, c := range []struct {
		who    string
		token  string
		status int
	}{
		{"no token", "", http.StatusNotFound},
		{"the creator's token", token(asUser), http.StatusOK},
		{"another user's token", token(asOther), http.StatusNotFound},
		{"an unassigned moderator's token", token(asModerator), http.StatusNotFound},
		{"an admin's token", token(asAdmin), http.StatusOK},
		{"a forged token", "eyJhbGciOiJIUzI1NiJ9.e30.forged", http.StatusNotFound},
	} {
		for _, u := range []string{ticketFileURL, commentFileURL} {
			status, body := get(u, c.token)
			if status != c.status {
				t.Errorf("%s: %s: %d, want %d", c.who, u, status, c.status)
			}
			if status != http.StatusOK && (strings.Contains(body, "scanner") || strings.Contains(body, "dpi")) {
				t.Errorf("%s: %s: the file leaked: %s", c.who, u, body)
			}
		}
	}
}

// expectEventKinds checks how many events of kind a ticket has.
func expectEventKinds(t testing.TB, app *tests.TestApp, ticketID, kind string, want int) {
	t.Helper()
	n := 0
	for _, e := range eventsOf(t, app, ticketID) {
		if strings.HasPrefix(e, kind+" ") {
			n++
		}
	}
	if n != want {
		t.Errorf("%d %s events, want %d: %q", n, kind, want, eventsOf(t, app, ticketID))
	}
}

// servedHeaders uploads each file as a comment of the user on the open
// ticket and returns the headers each one is served with.
func servedHeaders(t *testing.T, files ...upload) map[string]http.Header {
	t.Helper()
	app := newApp(t)
	srv := serve(t, app)
	var tok struct{ Token string }
	_ = json.Unmarshal(mustDo(t, srv, asUser, http.MethodPost, "/api/files/token", nil), &tok)
	out := map[string]http.Header{}
	for _, f := range files {
		body, contentType := multipartBody(t, map[string]string{"ticket": idOpen, "body": "See attached."}, f)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+commentsURL, body)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", authHeaders(t, asUser)["Authorization"])
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			ID          string
			Attachments []string
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || json.Unmarshal(raw, &c) != nil || len(c.Attachments) != 1 {
			t.Fatalf("%s: %d %s", f.name, res.StatusCode, raw)
		}
		got, err := srv.Client().Get(srv.URL + fileURL(comment.Collection, c.ID, c.Attachments[0]) + "?token=" + tok.Token)
		if err != nil {
			t.Fatal(err)
		}
		got.Body.Close()
		if got.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", f.name, got.StatusCode)
		}
		out[f.name] = got.Header
	}
	return out
}

// runnable are files a browser would run if it rendered them.
var runnable = []upload{
	{"attachments", "page.html", "text/html", []byte("<!doctype html><script>alert(document.cookie)</script>")},
	{"attachments", "image.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
	{"attachments", "code.js", "text/javascript", []byte("alert(1)")},
}

// TestAttachmentHTMLIsNotRendered: a file a browser would run is served
// as a download, never inline as text/html.
func TestAttachmentHTMLIsNotRendered(t *testing.T) {
	t.Parallel()
	for name, h := range servedHeaders(t, runnable...) {
		disposition := h.Get("Content-Disposition")
		if !strings.HasPrefix(disposition, "attachment") {
			t.Errorf("%s: served with Content-Disposition %q, want a download", name, disposition)
		}
		if ct := h.Get("Content-Type"); !strings.HasPrefix(disposition, "attachment") && strings.Contains(ct, "html") {
			t.Errorf("%s: served inline as %s", name, ct)
		}
	}
}

// TestAttachmentKeepsTheSandboxCSP: files keep PocketBase's sandboxing CSP.
func TestAttachmentKeepsTheSandboxCSP(t *testing.T) {
	t.Parallel()
	for name, h := range servedHeaders(t, runnable...) {
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q lacks PocketBase's sandbox", name, csp)
		}
	}
}
