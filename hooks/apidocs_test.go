package hooks_test

import (
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"gopkg.in/yaml.v3"

	"helpdesk/apptest"
	"helpdesk/docs"
	"helpdesk/hooks"
	"helpdesk/internal/apidocs"
	"helpdesk/internal/comment"
	"helpdesk/internal/history"
	"helpdesk/internal/presence"
	"helpdesk/internal/stats"
	"helpdesk/internal/ticket"
)

// newDocsApp returns a test app wired as main.go wires the binary, with a
// stand-in portal.
func newDocsApp(t testing.TB) *tests.TestApp {
	app, _ := apptest.New(t, hooks.Config{
		Portal:  fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>portal</title>")}},
		OpenAPI: docs.OpenAPI,
		Manual:  true,
	})
	return app
}

// customRoutes lists the routes table as "METHOD /path".
func customRoutes(t *testing.T) []string {
	t.Helper()
	table, err := hooks.Routes(docs.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range table {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

func TestAPIDocsDescribeEveryCustomRoute(t *testing.T) {
	spec, err := apidocs.Parse(docs.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	custom := customRoutes(t)
	for _, r := range custom {
		method, path, _ := strings.Cut(r, " ")
		item, ok := spec.Paths.Get(path)
		if !ok {
			t.Errorf("%s is served but not in docs/openapi.yaml", r)
			continue
		}
		documented := false
		for _, m := range item.Methods() {
			documented = documented || method == "" || m.Key == method
		}
		if !documented {
			t.Errorf("%s is served but docs/openapi.yaml lacks its method", r)
		}
	}

	// and the other way: a documented helpdesk route exists
	for _, p := range spec.Paths {
		if !strings.HasPrefix(p.Key, "/api/helpdesk/") && !strings.HasPrefix(p.Key, "/api/docs") {
			continue
		}
		for _, m := range p.Value.Methods() {
			if !slices.Contains(custom, m.Key+" "+p.Key) {
				t.Errorf("docs/openapi.yaml describes %s %s, which is not served", m.Key, p.Key)
			}
		}
	}
}

// selectEnums maps each enum schema of the document to the select field
// whose values it lists.
var selectEnums = map[string]struct{ collection, field string }{
	"Role":            {"users", "role"},
	"TicketStatus":    {ticket.Collection, ticket.FieldStatus},
	"TicketPriority":  {ticket.Collection, ticket.FieldPriority},
	"TicketTriage":    {ticket.Collection, ticket.FieldTriage},
	"CommentSource":   {comment.Collection, comment.FieldSource},
	"TicketEventKind": {history.Collection, history.FieldKind},
}

// otherEnums are the document's enums that are not select fields, with
// the values the code uses.
var otherEnums = map[string][]string{
	"RecordAction":   {"create", "update", "delete"}, // PocketBase's realtime actions
	"PresenceAction": {presence.Join, presence.Leave},
	"StatsScope":     {"all", "assigned"},
}

func TestAPIDocsEnumsMatchTheSchema(t *testing.T) {
	app := apptest.NewApp(t)
	var doc map[string]any
	if err := yaml.Unmarshal(docs.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}

	// every enum lives in a named schema, so that each one is checked below
	found := map[string][]string{}
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k == "enum" {
					if len(path) != 3 || path[0] != "components" || path[1] != "schemas" {
						t.Errorf("enum at %s: move it to a named schema under components.schemas", strings.Join(path, "."))
						continue
					}
					found[path[2]] = strings.Fields(strings.Trim(fmt.Sprint(c), "[]"))
				}
				walk(c, append(slices.Clone(path), k))
			}
		case []any:
			for i, c := range x {
				walk(c, append(slices.Clone(path), fmt.Sprint(i)))
			}
		}
	}
	walk(doc, nil)

	for name, values := range found {
		if sel, ok := selectEnums[name]; ok {
			col, err := app.FindCollectionByNameOrId(sel.collection)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := col.Fields.GetByName(sel.field).(*core.SelectField)
			if f == nil {
				t.Errorf("%s: %s.%s is not a select field", name, sel.collection, sel.field)
				continue
			}
			if !slices.Equal(values, f.Values) {
				t.Errorf("%s lists %v, the schema's %s.%s has %v", name, values, sel.collection, sel.field, f.Values)
			}
			continue
		}
		if want, ok := otherEnums[name]; ok {
			if !slices.Equal(values, want) {
				t.Errorf("%s lists %v, the code uses %v", name, values, want)
			}
			continue
		}
		t.Errorf("enum schema %s is checked by no test: add it to selectEnums or otherEnums", name)
	}

	// every select field of users and tickets has its enum, and the
	// record schemas use it
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for collection, record := range map[string]string{"users": "User", ticket.Collection: "Ticket"} {
		col, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		props := schemas[record].(map[string]any)["properties"].(map[string]any)
		for _, f := range col.Fields {
			if _, ok := f.(*core.SelectField); !ok {
				continue
			}
			var enum string
			for name, sel := range selectEnums {
				if sel.collection == collection && sel.field == f.GetName() {
					enum = name
				}
			}
			if enum == "" || found[enum] == nil {
				t.Errorf("select field %s.%s has no enum schema in docs/openapi.yaml", collection, f.GetName())
				continue
			}
			prop, err := yaml.Marshal(props[f.GetName()])
			if err != nil || !strings.Contains(string(prop), "#/components/schemas/"+enum) {
				t.Errorf("%s.%s does not use the %s enum", record, f.GetName(), enum)
			}
		}
	}

	// the stats keys per status and per priority are the enum values
	statsProps := schemas["Stats"].(map[string]any)["properties"].(map[string]any)
	keys := func(prop string) []string {
		var out []string
		for k := range statsProps[prop].(map[string]any)["properties"].(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	if got, want := keys("by_status"), slices.Sorted(slices.Values(ticket.Statuses)); !slices.Equal(got, want) {
		t.Errorf("Stats.by_status keys %v, want %v", got, want)
	}
	if got, want := keys("by_priority"), slices.Sorted(slices.Values(append([]string{stats.NoPriority}, ticket.Priorities...))); !slices.Equal(got, want) {
		t.Errorf("Stats.by_priority keys %v, want %v", got, want)
	}
}

func TestAPIDocsServed(t *testing.T) {
	spec, err := apidocs.Parse(docs.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	// the page shows every path and every named schema
	var onPage []string
	for _, p := range spec.Paths {
		onPage = append(onPage, `<code class="path">`+html.EscapeString(p.Key)+`</code>`)
	}
	for _, s := range spec.Components.Schemas {
		onPage = append(onPage, `id="schema-`+s.Key+`"`)
	}
	onPage = append(onPage, `<link rel="stylesheet" href="/api/docs/style.css">`, "validation_field_not_allowed", "in_progress")

	header := func(name, want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if got := res.Header.Get(name); !strings.HasPrefix(got, want) {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:   "the page",
			Method: http.MethodGet, URL: "/api/docs",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: onPage,
			// the portal's CSP forbids inline script; the page needs none
			NotExpectedContent: []string{"<script", " style=", "<style", "http://", "https://cdn"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				header("Content-Type", "text/html")(t, app, res)
				header("Content-Security-Policy", "default-src 'self'")(t, app, res)
			},
		},
		{
			Name:   "the document",
			Method: http.MethodGet, URL: "/api/docs/openapi.yaml",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"openapi: 3.1.0", "/api/helpdesk/stats:"},
			AfterTestFunc:   header("Content-Type", "application/yaml"),
		},
		{
			Name:   "the style sheet",
			Method: http.MethodGet, URL: "/api/docs/style.css",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{".op", ".toc"},
			AfterTestFunc:   header("Content-Type", "text/css"),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = newDocsApp
		s.DisableTestAppCleanup = true
		s.Test(t)
	}
}

func TestAPIDocsYAMLIsTheEmbeddedDocument(t *testing.T) {
	checked := false
	(&tests.ApiScenario{
		Name:   "byte for byte",
		Method: http.MethodGet, URL: "/api/docs/openapi.yaml",
		ExpectedStatus:        http.StatusOK,
		ExpectedContent:       []string{"openapi:"},
		TestAppFactory:        newDocsApp,
		DisableTestAppCleanup: true,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			// record the body as sent, before the scenario reads it
			e.Router.BindFunc(func(re *core.RequestEvent) error {
				rec := &recorder{ResponseWriter: re.Response}
				re.Response = rec
				err := re.Next()
				checked = true
				if string(rec.body) != string(docs.OpenAPI) {
					t.Errorf("served %d bytes that differ from docs/openapi.yaml (%d bytes)", len(rec.body), len(docs.OpenAPI))
				}
				return err
			})
		},
	}).Test(t)
	if !checked {
		t.Fatal("the body was not recorded")
	}
}

type recorder struct {
	http.ResponseWriter
	body []byte
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body = append(r.body, b...)
	return r.ResponseWriter.Write(b)
}
