package apidocs_test

import (
	"strings"
	"testing"

	"helpdesk/docs"
	"helpdesk/internal/apidocs"
)

func TestDocsEmbeddedDocumentParses(t *testing.T) {
	d, err := apidocs.New(docs.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Spec.OpenAPI, "3.1.") {
		t.Fatalf("openapi = %q", d.Spec.OpenAPI)
	}
	for _, p := range []string{"/api/collections/users/records", "/api/collections/tickets/records/{id}", "/api/realtime", "/api/docs"} {
		if _, ok := d.Spec.Paths.Get(p); !ok {
			t.Errorf("no %s", p)
		}
	}
	for _, name := range []string{"Error", "User", "Ticket", "Role", "TicketStatus", "TicketPriority", "TicketTriage"} {
		if _, ok := d.Spec.Components.Schemas.Get(name); !ok {
			t.Errorf("no schema %s", name)
		}
	}
	if string(d.YAML) != string(docs.OpenAPI) {
		t.Error("the served YAML is not the document")
	}
}

const minimal = `openapi: 3.1.0
info:
  title: T
  version: "1"
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
`

func TestDocsParseRejects(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"not yaml", "openapi: [", "yaml"},
		{"openapi 3.0", strings.Replace(minimal, "3.1.0", "3.0.3", 1), `want 3.1.x`},
		{"no version", strings.Replace(minimal, "openapi: 3.1.0\n", "", 1), `want 3.1.x`},
		{"no title", strings.Replace(minimal, "title: T", "title: \"\"", 1), "info.title"},
		{"no paths", strings.Split(minimal, "paths:")[0], "no paths"},
		{"paths not a mapping", strings.Split(minimal, "paths:")[0] + "paths: [a]\n", "want a mapping"},
		{"dangling $ref", minimal + "      parameters:\n        - $ref: \"#/components/parameters/nope\"\n", `"#/components/parameters/nope" names no component`},
		{"external $ref", minimal + "components:\n  schemas:\n    A:\n      $ref: \"other.yaml#/A\"\n", "names no component"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := apidocs.Parse([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := apidocs.Parse([]byte(minimal)); err != nil {
		t.Fatalf("the minimal document is refused: %v", err)
	}
}

const sample = `openapi: 3.1.0
info:
  title: Sample <API>
  version: "2"
  description: |
    First *paragraph* with ` + "`code`" + ` and **bold**.

    - one
    - two <b>
tags:
  - name: things
paths:
  /things/{id}:
    parameters:
      - $ref: "#/components/parameters/id"
    patch:
      tags: [things]
      summary: Change a thing
      security: [{}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Thing"
            example:
              zeta: 1
              alpha: 2
      responses:
        "200":
          description: Changed.
        "404":
          $ref: "#/components/responses/Missing"
components:
  parameters:
    id:
      name: id
      in: path
      required: true
      schema:
        type: string
        maxLength: 15
  responses:
    Missing:
      description: Not there.
  schemas:
    Thing:
      type: object
      required: [kind]
      properties:
        kind:
          $ref: "#/components/schemas/Kind"
        size:
          type: [number, "null"]
          minimum: 0
        tags:
          type: array
          items:
            type: string
    Kind:
      type: string
      enum: [small, large]
`

func TestDocsRender(t *testing.T) {
	d, err := apidocs.New([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	page := string(d.Page)
	for _, want := range []string{
		"<title>Sample &lt;API&gt;</title>",
		`<link rel="stylesheet" href="/api/docs/style.css">`,
		"<em>paragraph</em>", "<code>code</code>", "<strong>bold</strong>",
		"<li>one</li><li>two &lt;b&gt;</li>",
		`<span class="m m-patch">PATCH</span> <code class="path">/things/{id}</code>`,
		`id="op-patch-things-id"`,
		"no auth needed",
		"<code>id</code> <span class=\"req\">required</span></td><td>path</td><td>string<div class=\"c\">at most 15 characters</div>",
		`<a href="#schema-Thing">Thing</a>`,
		"Not there.", "Shared response <code>Missing</code>",
		`id="schema-Kind"`, "One of: <code>small</code>, <code>large</code>",
		"number or null", "minimum 0", "array of string",
		`<code>kind</code> <span class="req">required</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// examples keep the document's key order
	if z, a := strings.Index(page, "&#34;zeta&#34;"), strings.Index(page, "&#34;alpha&#34;"); z < 0 || a < z {
		t.Errorf("example keys out of order (zeta at %d, alpha at %d)", z, a)
	}
	for _, banned := range []string{"<script", "<b>", " style="} {
		if strings.Contains(page, banned) {
			t.Errorf("the page contains %q", banned)
		}
	}
}
