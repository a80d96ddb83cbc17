// Package apidocs reads the helpdesk's OpenAPI 3.1 document and renders it
// as a self-contained HTML page (its style sheet embedded, no script), so
// that /api/docs works without anything from the internet.
package apidocs

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Spec is the part of an OpenAPI 3.1 document the page shows.
type Spec struct {
	OpenAPI    string                `yaml:"openapi"`
	Info       Info                  `yaml:"info"`
	Tags       []Tag                 `yaml:"tags"`
	Paths      Map[PathItem]         `yaml:"paths"`
	Components Components            `yaml:"components"`
	Security   []map[string][]string `yaml:"security"`
}

// Info is the document's title and introduction.
type Info struct {
	Title       string `yaml:"title"`
	Version     string `yaml:"version"`
	Summary     string `yaml:"summary"`
	Description string `yaml:"description"`
}

// Tag groups operations on the page.
type Tag struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

// Components are the reusable parts that $ref points to.
type Components struct {
	Schemas         Map[*Schema]        `yaml:"schemas"`
	Parameters      Map[Parameter]      `yaml:"parameters"`
	Responses       Map[Response]       `yaml:"responses"`
	SecuritySchemes Map[SecurityScheme] `yaml:"securitySchemes"`
}

// SecurityScheme says how a client authenticates.
type SecurityScheme struct {
	Type         string `yaml:"type"`
	Scheme       string `yaml:"scheme"`
	BearerFormat string `yaml:"bearerFormat"`
	Description  string `yaml:"description"`
}

// PathItem holds the operations of one path.
type PathItem struct {
	Parameters []Parameter `yaml:"parameters"`
	Get        *Operation  `yaml:"get"`
	Post       *Operation  `yaml:"post"`
	Put        *Operation  `yaml:"put"`
	Patch      *Operation  `yaml:"patch"`
	Delete     *Operation  `yaml:"delete"`
	Head       *Operation  `yaml:"head"`
	Options    *Operation  `yaml:"options"`
}

// Methods returns the path's operations by HTTP method, in a fixed order.
func (p PathItem) Methods() []Entry[*Operation] {
	var out []Entry[*Operation]
	for _, m := range []Entry[*Operation]{
		{"GET", p.Get}, {"POST", p.Post}, {"PUT", p.Put}, {"PATCH", p.Patch},
		{"DELETE", p.Delete}, {"HEAD", p.Head}, {"OPTIONS", p.Options},
	} {
		if m.Value != nil {
			out = append(out, m)
		}
	}
	return out
}

// Operation is one method on one path.
type Operation struct {
	Tags        []string              `yaml:"tags"`
	Summary     string                `yaml:"summary"`
	Description string                `yaml:"description"`
	OperationID string                `yaml:"operationId"`
	Parameters  []Parameter           `yaml:"parameters"`
	RequestBody *RequestBody          `yaml:"requestBody"`
	Responses   Map[Response]         `yaml:"responses"`
	Security    []map[string][]string `yaml:"security"`
}

// Parameter is a path, query or header parameter, or a $ref to one.
type Parameter struct {
	Ref         string  `yaml:"$ref"`
	Name        string  `yaml:"name"`
	In          string  `yaml:"in"`
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Schema      *Schema `yaml:"schema"`
	Example     any     `yaml:"example"`
}

// RequestBody is what an operation accepts.
type RequestBody struct {
	Description string         `yaml:"description"`
	Required    bool           `yaml:"required"`
	Content     Map[MediaType] `yaml:"content"`
}

// Response is one status of an operation, or a $ref to a shared one.
type Response struct {
	Ref         string         `yaml:"$ref"`
	Description string         `yaml:"description"`
	Content     Map[MediaType] `yaml:"content"`
}

// MediaType is a body of one content type with its examples.
type MediaType struct {
	Schema *Schema `yaml:"schema"`
	// Example is kept as a node so that the page shows its keys in order.
	Example  yaml.Node    `yaml:"example"`
	Examples Map[Example] `yaml:"examples"`
}

// Example is a named example value.
type Example struct {
	Summary string    `yaml:"summary"`
	Value   yaml.Node `yaml:"value"`
}

// Schema is a JSON Schema (the subset the document uses), or a $ref.
type Schema struct {
	Ref                  string       `yaml:"$ref"`
	Type                 Types        `yaml:"type"`
	Format               string       `yaml:"format"`
	Description          string       `yaml:"description"`
	Enum                 []any        `yaml:"enum"`
	Const                any          `yaml:"const"`
	Properties           Map[*Schema] `yaml:"properties"`
	Required             []string     `yaml:"required"`
	Items                *Schema      `yaml:"items"`
	AllOf                []*Schema    `yaml:"allOf"`
	AnyOf                []*Schema    `yaml:"anyOf"`
	OneOf                []*Schema    `yaml:"oneOf"`
	AdditionalProperties *Additional  `yaml:"additionalProperties"`
	MinLength            *int         `yaml:"minLength"`
	MaxLength            *int         `yaml:"maxLength"`
	MinItems             *int         `yaml:"minItems"`
	MaxItems             *int         `yaml:"maxItems"`
	Minimum              *float64     `yaml:"minimum"`
	Maximum              *float64     `yaml:"maximum"`
	Pattern              string       `yaml:"pattern"`
	Default              any          `yaml:"default"`
	ReadOnly             bool         `yaml:"readOnly"`
	WriteOnly            bool         `yaml:"writeOnly"`
	Examples             []any        `yaml:"examples"`
}

// Types is a schema's type: one name, or a list in OpenAPI 3.1
// (`[number, "null"]`).
type Types []string

// UnmarshalYAML accepts a single type name or a list of them.
func (t *Types) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*t = Types{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*t = list
	return nil
}

// Additional is additionalProperties: false, true or a schema.
type Additional struct {
	Forbidden bool
	Schema    *Schema
}

// UnmarshalYAML accepts a boolean or a schema.
func (a *Additional) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var allowed bool
		if err := n.Decode(&allowed); err != nil {
			return err
		}
		a.Forbidden = !allowed
		return nil
	}
	a.Schema = &Schema{}
	return n.Decode(a.Schema)
}

// Map is a YAML mapping that keeps the document's order, so the page
// lists paths, properties and responses as their author wrote them.
type Map[T any] []Entry[T]

// Entry is one key of a Map.
type Entry[T any] struct {
	Key   string
	Value T
}

// UnmarshalYAML decodes a mapping in document order.
func (m *Map[T]) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping", n.Line)
	}
	out := make(Map[T], 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		var v T
		if err := n.Content[i+1].Decode(&v); err != nil {
			return err
		}
		out = append(out, Entry[T]{Key: n.Content[i].Value, Value: v})
	}
	*m = out
	return nil
}

// Get returns the value of key.
func (m Map[T]) Get(key string) (T, bool) {
	for _, e := range m {
		if e.Key == key {
			return e.Value, true
		}
	}
	var zero T
	return zero, false
}

// Parse reads an OpenAPI 3.1 document and checks what the page relies on:
// the version, a title, at least one path and that every $ref resolves.
func Parse(data []byte) (*Spec, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("apidocs: %w", err)
	}
	var s Spec
	if err := root.Decode(&s); err != nil {
		return nil, fmt.Errorf("apidocs: %w", err)
	}
	if !strings.HasPrefix(s.OpenAPI, "3.1.") {
		return nil, fmt.Errorf("apidocs: openapi is %q, want 3.1.x", s.OpenAPI)
	}
	if s.Info.Title == "" {
		return nil, fmt.Errorf("apidocs: info.title is empty")
	}
	if len(s.Paths) == 0 {
		return nil, fmt.Errorf("apidocs: no paths")
	}
	if err := s.checkRefs(&root); err != nil {
		return nil, err
	}
	return &s, nil
}

// checkRefs fails on a $ref that names no component.
func (s *Spec) checkRefs(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" {
				if _, _, err := s.lookup(n.Content[i+1].Value); err != nil {
					return fmt.Errorf("apidocs: line %d: %w", n.Content[i+1].Line, err)
				}
			}
		}
	}
	for _, c := range n.Content {
		if err := s.checkRefs(c); err != nil {
			return err
		}
	}
	return nil
}

// lookup splits a local $ref (#/components/KIND/NAME) and checks that the
// component exists.
func (s *Spec) lookup(ref string) (kind, name string, err error) {
	rest, ok := strings.CutPrefix(ref, "#/components/")
	kind, name, _ = strings.Cut(rest, "/")
	if ok {
		switch kind {
		case "schemas":
			_, ok = s.Components.Schemas.Get(name)
		case "parameters":
			_, ok = s.Components.Parameters.Get(name)
		case "responses":
			_, ok = s.Components.Responses.Get(name)
		default:
			ok = false
		}
	}
	if !ok {
		return "", "", fmt.Errorf("$ref %q names no component", ref)
	}
	return kind, name, nil
}

// RefName returns the component name a $ref points to ("" if none).
func RefName(ref string) string {
	return ref[strings.LastIndex(ref, "/")+1:]
}

// parameter resolves a parameter $ref.
func (s *Spec) parameter(p Parameter) Parameter {
	if p.Ref == "" {
		return p
	}
	r, _ := s.Components.Parameters.Get(RefName(p.Ref))
	return r
}

// response resolves a response $ref.
func (s *Spec) response(r Response) Response {
	if r.Ref == "" {
		return r
	}
	c, _ := s.Components.Responses.Get(RefName(r.Ref))
	return c
}
