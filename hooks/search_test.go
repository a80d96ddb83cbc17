package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/comment"
	"helpdesk/internal/search"
	"helpdesk/internal/ticket"
)

const searchURL = "/api/helpdesk/search"

// searchPage is the answer of the search route.
type searchPage struct {
	Page, PerPage, TotalItems int
	Items                     []struct {
		ID, Title, Status, Priority, Snippet string
		AssignedTo                           string `json:"assigned_to"`
		Number                               int
		Score                                float64
		Created                              string
	}
}

func (p searchPage) ids() []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	slices.Sort(out)
	return out
}

// saveComment saves a comment as the model layer does for every path.
func saveComment(t testing.TB, app core.App, ticketID, author, body string, internal bool) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(comment.Collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Set(comment.FieldTicket, ticketID)
	r.Set(comment.FieldAuthor, author)
	r.Set(comment.FieldBody, body)
	r.Set(comment.FieldInternal, internal)
	r.Set(comment.FieldSource, comment.SourceWeb)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSearchVisibility: every actor finds exactly the tickets of their
// ticket list, internal notes only where the comments rules let them
// read them, and snippets only from text they may read.
func TestSearchVisibility(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	saveComment(t, app, idOpen, idAssigned, "Try the zebra cartridge from the cupboard.", false)
	saveComment(t, app, idOpen, idAssigned, "Walrus cartridge: the firmware is broken, do not tell.", true)
	saveComment(t, app, idModTicket, idAdmin, "Pelican note about the moderator.", true)
	srv := serve(t, app)

	everyTicket := []string{idOpen, idOthers, idDone, idModTicket}
	cases := []struct {
		q    string
		want map[actor][]string
	}{
		// in every description: exactly each actor's ticket list
		{"description", map[actor][]string{
			asUser: {idOpen, idDone}, asOther: {idOthers}, asModerator: {idModTicket},
			asAssigned: {idOpen, idDone}, asAdmin: everyTicket, asSuperuser: everyTicket,
		}},
		// a public comment
		{"zebra", map[actor][]string{asUser: {idOpen}, asAssigned: {idOpen}, asAdmin: {idOpen}, asSuperuser: {idOpen}}},
		// an internal note: admins and the assignee, not the creator
		{"walrus", map[actor][]string{asAssigned: {idOpen}, asAdmin: {idOpen}, asSuperuser: {idOpen}}},
		// a note on a moderator's own ticket: its creator may not read it
		{"pelican", map[actor][]string{asAdmin: {idModTicket}, asSuperuser: {idModTicket}}},
		// the creator's words AND a note's: only where both are readable
		{"zebra firmware", map[actor][]string{asAssigned: {idOpen}, asAdmin: {idOpen}, asSuperuser: {idOpen}}},
		{"printer -walrus", map[actor][]string{asUser: {idOpen}}},
	}
	for _, c := range cases {
		for _, a := range allActors[1:] {
			status, body := do(t, srv, a, http.MethodGet, searchURL+"?q="+url.QueryEscape(c.q), nil)
			if status != http.StatusOK {
				t.Fatalf("%s: q=%q: %d %s", a, c.q, status, body)
			}
			var p searchPage
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			want := slices.Sorted(slices.Values(c.want[a]))
			if got := p.ids(); !slices.Equal(got, want) {
				t.Errorf("%s: q=%q found %v, want %v", a, c.q, got, want)
			}
			if p.TotalItems != len(want) {
				t.Errorf("%s: q=%q totalItems %d, want %d", a, c.q, p.TotalItems, len(want))
			}
		}
	}

	// snippets: the creator's never shows the note beside the public reply
	for _, a := range allActors[1:] {
		status, body := do(t, srv, a, http.MethodGet, searchURL+"?q=cartridge", nil)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", a, status, body)
		}
		readsNotes := a == asAssigned || a == asAdmin || a == asSuperuser
		if strings.Contains(string(body), "alrus") != readsNotes && strings.Contains(string(body), `"id":"`+idOpen) {
			t.Errorf("%s: the snippet shows the note: %v (%s)", a, !readsNotes, body)
		}
		if a == asUser && !strings.Contains(string(body), "zebra <mark>cartridge</mark>") {
			t.Errorf("user: no marked snippet: %s", body)
		}
	}

	// the same through a noun only in the note: the creator gets nothing
	status, body := do(t, srv, asUser, http.MethodGet, searchURL+"?q=firmware", nil)
	if status != http.StatusOK || strings.Contains(string(body), idOpen) {
		t.Errorf("user found the note's word: %d %s", status, body)
	}
}

// TestSearchAnswer: the answer's shape, the marks, paging, filters and
// the matching rules (prefix, case, diacritics, phrases, exclusions).
func TestSearchAnswer(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	saveComment(t, app, idOthers, idAdmin, `Reset the password <b>& sign in</b> at the Café; it's "fine".`, false)
	srv := serve(t, app)
	get := func(as actor, query string) (int, searchPage, string) {
		t.Helper()
		status, body := do(t, srv, as, http.MethodGet, searchURL+"?"+query, nil)
		var p searchPage
		if status == http.StatusOK {
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
		}
		return status, p, string(body)
	}

	_, p, body := get(asAdmin, "q=PASS")
	if len(p.Items) != 1 || p.Items[0].ID != idOthers {
		t.Fatalf("prefix, any case: %s", body)
	}
	it := p.Items[0]
	if it.Number == 0 || it.Title != "Cannot log in" || it.Status != ticket.StatusTodo || it.Priority != ticket.PriorityMedium || it.Created == "" || it.Score <= 0 {
		t.Errorf("item fields: %+v", it)
	}
	if !strings.Contains(it.Snippet, "<mark>password</mark>") || !strings.Contains(it.Snippet, "&lt;b&gt;&amp; sign in&lt;/b&gt;") {
		t.Errorf("snippet not escaped and marked: %q", it.Snippet)
	}
	if strings.Count(it.Snippet, "<") != strings.Count(it.Snippet, "<mark>")+strings.Count(it.Snippet, "</mark>") {
		t.Errorf("markup besides <mark>: %q", it.Snippet)
	}
	for q, want := range map[string]int{
		"cafe":                  1, // diacritics
		"CAFÉ":                  1,
		`"sign in"`:             1, // phrase
		`"in sign"`:             0, // a phrase keeps its order
		"sign password":         1, // any order
		"password -cafe":        0, // excluded
		"password -cafeteria":   1, // an excluded word is whole
		"log":                   1, // the title
		"description -password": 3,
	} {
		if _, p, body := get(asAdmin, "q="+url.QueryEscape(q)); p.TotalItems != want {
			t.Errorf("q=%q: %d found, want %d (%s)", q, p.TotalItems, want, body)
		}
	}

	// paging and filters
	_, p, _ = get(asAdmin, "q=description&perPage=3&page=2")
	if p.Page != 2 || p.PerPage != 3 || p.TotalItems != 4 || len(p.Items) != 1 {
		t.Errorf("page 2 of 3: %+v", p)
	}
	_, p, _ = get(asAdmin, "q=description&status=done")
	if p.TotalItems != 1 || p.Items[0].ID != idDone {
		t.Errorf("status filter: %+v", p)
	}
	_, p, _ = get(asAdmin, "q=description&assigned_to="+idAssigned+"&priority=medium")
	if got := p.ids(); !slices.Equal(got, []string{idOpen, idDone}) {
		t.Errorf("assigned_to filter: %v", got)
	}
	_, p, _ = get(asUser, "q=description&status=done")
	if got := p.ids(); !slices.Equal(got, []string{idDone}) {
		t.Errorf("a user's filter: %v", got)
	}

	// bad parameters are 400s naming the field
	for query, field := range map[string]string{
		"":                                "q",
		"q=-x":                            "q",
		"q=" + strings.Repeat("x", 10000): "q",
		"q=a&perPage=101":                 "perPage",
		"q=a&perPage=0":                   "perPage",
		"q=a&page=x":                      "page",
		"q=a&status=open":                 "status",
		"q=a&priority=urgent":             "priority",
	} {
		if status, _, body := get(asAdmin, query); status != http.StatusBadRequest || !strings.Contains(body, fieldError(field)) {
			t.Errorf("%.40s: %d %s", query, status, body)
		}
	}
}

// TestSearchHostileQueries: whatever q holds, the answer is results or a
// 400, for an admin (index-driven) and a user (ticket-driven) alike.
func TestSearchHostileQueries(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)
	hostile := []string{
		`"`, `""`, `"""`, `*`, `**`, `pass*`, `*pass`, `:`, `title:`, `title:printer`, `{title description}:x`,
		`NEAR(`, `NEAR(printer jammed, 2)`, `printer NEAR/2 jammed`, `AND`, `OR`, `NOT`, `printer AND`, `NOT printer`,
		`(`, `)`, `(printer`, `printer)`, `^printer`, `+printer`, `-`, `--`, `- -`, `-"`, `-""`, `-*`,
		"\x00", "printer\x00jammed", "\x01\x02", "\xff\xfe", `'; DROP TABLE tickets; --`, `\"`, `\`,
		`rank:`, `rowid`, `printer OR 1=1`, `"printer" * "jammed"`, strings.Repeat(`"a" `, 40),
		strings.Repeat("printer ", 125), strings.Repeat("x", 10*1024), strings.Repeat(`"`, 999), strings.Repeat("NEAR(", 200),
		"🙂", "ﬁ", "İstanbul", "ß",
	}
	for _, as := range []actor{asAdmin, asUser, asAssigned} {
		for _, q := range hostile {
			status, body := do(t, srv, as, http.MethodGet, searchURL+"?q="+url.QueryEscape(q), nil)
			if status != http.StatusOK && status != http.StatusBadRequest {
				t.Errorf("%s: q=%.30q: %d %s", as, q, status, body)
			}
		}
	}
	// the tickets are untouched
	if n, err := app.CountRecords(ticket.Collection); err != nil || n != 4 {
		t.Errorf("tickets: %d %v", n, err)
	}
}

// TestSearchFollowsWrites: updates and deletes of tickets and comments,
// through the API and the model layer, show in the next search; a
// reindex gives exactly the live index.
func TestSearchFollowsWrites(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	srv := serve(t, app)
	found := func(as actor, q string) []string {
		t.Helper()
		status, body := do(t, srv, as, http.MethodGet, searchURL+"?q="+url.QueryEscape(q), nil)
		if status != http.StatusOK {
			t.Fatalf("q=%q: %d %s", q, status, body)
		}
		var p searchPage
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		return p.ids()
	}
	want := func(as actor, q string, ids ...string) {
		t.Helper()
		if got := found(as, q); !slices.Equal(got, slices.Sorted(slices.Values(ids))) {
			t.Errorf("%s: q=%q found %v, want %v", as, q, got, ids)
		}
	}

	// a new ticket through the API
	raw := mustDo(t, srv, asUser, http.MethodPost, ticketsURL, map[string]any{"title": "Scanner smells of toast", "description": "Since Monday."})
	var created struct{ ID string }
	_ = json.Unmarshal(raw, &created)
	want(asUser, "toast", created.ID)

	// an edit of the title: the new words in, the old ones out
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"title": "Plotter jammed", "description": "Paper everywhere."})
	want(asAdmin, "plotter", idOpen)
	want(asAdmin, "printer")

	// comments: added, turned internal by a superuser, deleted
	c := saveComment(t, app, idOpen, idAssigned, "Replace the quagga roller.", false)
	want(asUser, "quagga", idOpen)
	c.Set(comment.FieldInternal, true)
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
	want(asUser, "quagga")
	want(asAssigned, "quagga", idOpen)
	if err := app.Delete(c); err != nil {
		t.Fatal(err)
	}
	want(asAdmin, "quagga")

	// a status change keeps the documents
	mustDo(t, srv, asAdmin, http.MethodPatch, ticketsURL+"/"+idOpen, map[string]any{"status": ticket.StatusInProgress})
	want(asAdmin, "plotter", idOpen)

	// deleting a ticket takes its comments and documents with it
	saveComment(t, app, idOthers, idAdmin, "Gnu ticket comment.", false)
	want(asAdmin, "gnu", idOthers)
	mustDo(t, srv, asAdmin, http.MethodDelete, ticketsURL+"/"+idOthers, nil)
	want(asAdmin, "gnu")
	want(asAdmin, "description", idDone, idModTicket)

	// a reindex writes what the live sync wrote
	saveComment(t, app, idDone, idUser, "Also the élan vital.", false)
	saveComment(t, app, idDone, idAssigned, "Staff only.", true)
	live := indexDump(t, app)
	if err := search.Reindex(app); err != nil {
		t.Fatal(err)
	}
	if rebuilt := indexDump(t, app); !reflect.DeepEqual(live, rebuilt) {
		t.Errorf("reindex differs from the live index:\nlive    %v\nrebuilt %v", live, rebuilt)
	}
	if len(live) != 2*4 {
		t.Errorf("%d documents, want 8: %v", len(live), live)
	}
}

// indexDump is every document of the index.
func indexDump(t testing.TB, app core.App) []string {
	t.Helper()
	var out []string
	for _, table := range []string{search.FullTable, search.PublicTable} {
		var rows []struct {
			N     int    `db:"n"`
			Title string `db:"title"`
			Body  string `db:"body"`
		}
		if err := app.DB().NewQuery(`SELECT rowid AS n, title, body FROM ` + table + ` ORDER BY rowid`).All(&rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			raw, _ := json.Marshal(r)
			out = append(out, table+" "+string(raw))
		}
	}
	return out
}
