package apidocs

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed page.html.tmpl
var pageTemplate string

// Style is the page's style sheet, served beside it: the portal's
// Content-Security-Policy allows style sheets from the appliance itself.
//
//go:embed style.css
var Style []byte

// StylePath is where the page expects its style sheet.
const StylePath = "/api/docs/style.css"

// YAMLPath is where the page links to the raw document.
const YAMLPath = "/api/docs/openapi.yaml"

// operation is one method of one path, ready for the template.
type operation struct {
	Anchor     string
	Method     string
	Path       string
	Op         *Operation
	Parameters []Parameter
	Responses  []response
	Public     bool
}

type response struct {
	Code string
	Response
	Shared string // name of the shared response it came from
}

type section struct {
	Tag        Tag
	Operations []operation
}

type page struct {
	Spec      *Spec
	Sections  []section
	StylePath string
	YAMLPath  string
}

// Render returns the HTML page of the document.
func Render(s *Spec) ([]byte, error) {
	t, err := template.New("page").Funcs(template.FuncMap{
		"prose":       prose,
		"typeOf":      typeOf,
		"constraints": constraints,
		"example":     example,
		"refName":     RefName,
		"isRequired":  isRequired,
		"lower":       strings.ToLower,
		"nested":      nested,
		"given":       given,
	}).Parse(pageTemplate)
	if err != nil {
		return nil, fmt.Errorf("apidocs: template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, page{Spec: s, Sections: s.sections(), StylePath: StylePath, YAMLPath: YAMLPath}); err != nil {
		return nil, fmt.Errorf("apidocs: render: %w", err)
	}
	return buf.Bytes(), nil
}

// sections groups the operations by their first tag, in the order of the
// document's tags; untagged operations come last.
func (s *Spec) sections() []section {
	byTag := map[string]*section{}
	var out []*section
	for _, t := range s.Tags {
		sec := &section{Tag: t}
		byTag[t.Name] = sec
		out = append(out, sec)
	}
	for _, p := range s.Paths {
		for _, m := range p.Value.Methods() {
			op := s.operation(p.Key, p.Value, m.Key, m.Value)
			tag := "other"
			if len(m.Value.Tags) > 0 {
				tag = m.Value.Tags[0]
			}
			sec := byTag[tag]
			if sec == nil {
				sec = &section{Tag: Tag{Name: tag}}
				byTag[tag] = sec
				out = append(out, sec)
			}
			sec.Operations = append(sec.Operations, op)
		}
	}
	list := make([]section, 0, len(out))
	for _, sec := range out {
		if len(sec.Operations) > 0 {
			list = append(list, *sec)
		}
	}
	return list
}

func (s *Spec) operation(path string, item PathItem, method string, op *Operation) operation {
	o := operation{
		Anchor: "op-" + strings.ToLower(method) + "-" + anchorOf(path),
		Method: method,
		Path:   path,
		Op:     op,
	}
	for _, p := range append(append([]Parameter{}, item.Parameters...), op.Parameters...) {
		o.Parameters = append(o.Parameters, s.parameter(p))
	}
	for _, r := range op.Responses {
		o.Responses = append(o.Responses, response{Code: r.Key, Response: s.response(r.Value), Shared: RefName(r.Value.Ref)})
	}
	security := op.Security
	if security == nil {
		security = s.Security
	}
	o.Public = len(security) == 1 && len(security[0]) == 0
	return o
}

// anchorOf turns a path into an HTML id: /api/x/{id} → api-x-id.
func anchorOf(path string) string {
	words := strings.FieldsFunc(path, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	return strings.Join(words, "-")
}

func isRequired(s *Schema, name string) bool {
	for _, r := range s.Required {
		if r == name {
			return true
		}
	}
	return false
}

// nested reports whether a property's schema has structure of its own to
// show under it (properties, or items with properties).
func nested(s *Schema) bool {
	if s == nil || s.Ref != "" {
		return false
	}
	return len(s.Properties) > 0 || (s.Items != nil && len(s.Items.Properties) > 0)
}

// given reports whether an optional YAML value is in the document.
func given(n yaml.Node) bool {
	return n.Kind != 0
}

// example formats an example as indented JSON with the keys in the
// document's order, or as is for a text example (an event stream).
func example(n yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		return n.Value
	}
	var b bytes.Buffer
	if err := writeJSON(&b, &n); err != nil {
		return err.Error()
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return b.String()
	}
	return out.String()
}

func writeJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.DocumentNode, yaml.AliasNode:
		if n.Kind == yaml.AliasNode {
			return writeJSON(b, n.Alias)
		}
		return writeJSON(b, n.Content[0])
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			b.Write(k)
			b.WriteByte(':')
			if err := writeJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSON(b, c); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		var v any
		if err := n.Decode(&v); err != nil {
			return err
		}
		j, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("example at line %d: %w", n.Line, err)
		}
		b.Write(j)
	}
	return nil
}
