package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/apptest"
	"helpdesk/internal/security"
	"helpdesk/internal/user"
)

// TestFilesKeepTheSandbox serves uploaded files (an avatar, and files of
// the types browsers run, in a collection standing for attachments)
// through the real router: PocketBase's sandboxing policy, and downloads
// for what a browser would run.
func TestFilesKeepTheSandbox(t *testing.T) {
	app := apptest.NewApp(t)
	owner := apptest.CreateUser(t, app, "u@example.com", "User", user.RoleUser)

	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	avatar, err := filesystem.NewFileFromBytes(png, "me.png")
	if err != nil {
		t.Fatal(err)
	}
	owner.Set("avatar", avatar)
	if err := app.Save(owner); err != nil {
		t.Fatal(err)
	}

	docs := core.NewBaseCollection("attachments_test")
	docs.ViewRule = types.Pointer("")
	docs.Fields.Add(&core.FileField{Name: "files", MaxSelect: 5, MaxSize: 10 << 20})
	if err := app.Save(docs); err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(docs)
	var uploads []any
	for name, body := range map[string]string{
		"page.html":  "<script>alert(document.domain)</script>",
		"logo.svg":   `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		"app.js":     "alert(1)",
		"report.txt": "plain",
	} {
		f, err := filesystem.NewFileFromBytes([]byte(body), name)
		if err != nil {
			t.Fatal(err)
		}
		uploads = append(uploads, f)
	}
	r.Set("files", uploads)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	mux := serveMux(t, app)

	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}

	rec := get("/api/files/users/" + owner.Id + "/" + owner.GetString("avatar"))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Security-Policy") != security.FilesCSP {
		t.Fatalf("avatar: status %d, CSP %q", rec.Code, rec.Header().Get("Content-Security-Policy"))
	}
	if d := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(d, "inline") {
		t.Errorf("avatar: Content-Disposition %q, want inline", d)
	}

	for _, name := range r.GetStringSlice("files") {
		rec := get("/api/files/" + docs.Id + "/" + r.Id + "/" + name)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", name, rec.Code)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || csp != security.FilesCSP {
			t.Errorf("%s: CSP %q", name, csp)
		}
		if d := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(d, "attachment") {
			t.Errorf("%s: Content-Disposition %q, want attachment", name, d)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", name)
		}
	}
}
