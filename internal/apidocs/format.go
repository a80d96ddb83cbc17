package apidocs

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

var (
	codeSpan   = regexp.MustCompile("`([^`]+)`")
	strongSpan = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	emSpan     = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
)

// prose renders a description's small Markdown subset: paragraphs, "- "
// lists, `code`, **bold** and *emphasis*. The text is escaped first, so a description
// cannot inject markup.
func prose(s string) template.HTML {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var b strings.Builder
	for _, block := range strings.Split(strings.TrimSpace(s), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if strings.HasPrefix(lines[0], "- ") {
			b.WriteString("<ul>")
			var item []string
			flush := func() {
				if len(item) > 0 {
					b.WriteString("<li>" + inline(strings.Join(item, " ")) + "</li>")
				}
				item = nil
			}
			for _, l := range lines {
				l = strings.TrimSpace(l)
				if rest, ok := strings.CutPrefix(l, "- "); ok {
					flush()
					l = rest
				}
				item = append(item, l)
			}
			flush()
			b.WriteString("</ul>")
			continue
		}
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		b.WriteString("<p>" + inline(strings.Join(lines, " ")) + "</p>")
	}
	return template.HTML(b.String())
}

func inline(s string) string {
	s = html.EscapeString(s)
	s = codeSpan.ReplaceAllString(s, "<code>$1</code>")
	s = strongSpan.ReplaceAllString(s, "<strong>$1</strong>")
	return emSpan.ReplaceAllString(s, "<em>$1</em>")
}

// typeOf renders a schema's type in a few words, with links to named
// schemas: "string", "array of Ticket", "Role or "" ".
func typeOf(s *Schema) template.HTML {
	if s == nil {
		return "any"
	}
	if s.Ref != "" {
		n := html.EscapeString(RefName(s.Ref))
		return template.HTML(`<a href="#schema-` + n + `">` + n + `</a>`)
	}
	if s.Const != nil {
		return template.HTML("<code>" + html.EscapeString(strconv.Quote(fmt.Sprint(s.Const))) + "</code>")
	}
	for _, alts := range []struct {
		list []*Schema
		sep  string
	}{{s.AnyOf, " or "}, {s.OneOf, " or "}, {s.AllOf, " and "}} {
		if len(alts.list) > 0 {
			parts := make([]string, len(alts.list))
			for i, a := range alts.list {
				parts[i] = string(typeOf(a))
			}
			return template.HTML(strings.Join(parts, alts.sep))
		}
	}
	if len(s.Type) == 0 {
		if len(s.Properties) > 0 {
			return "object"
		}
		return "any"
	}
	parts := make([]string, len(s.Type))
	for i, t := range s.Type {
		parts[i] = html.EscapeString(t)
		if t == "array" && s.Items != nil {
			parts[i] = "array of " + string(typeOf(s.Items))
		}
		if t == "object" && s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
			parts[i] = "map of " + string(typeOf(s.AdditionalProperties.Schema))
		}
	}
	out := strings.Join(parts, " or ")
	if s.Format != "" {
		out += " (" + html.EscapeString(s.Format) + ")"
	}
	return template.HTML(out)
}

// constraints lists a schema's limits in words: "3–200 characters".
func constraints(s *Schema) []string {
	if s == nil {
		return nil
	}
	var out []string
	span := func(lo, hi *int, unit string) {
		switch {
		case lo != nil && hi != nil:
			out = append(out, fmt.Sprintf("%d–%d %s", *lo, *hi, unit))
		case lo != nil:
			out = append(out, fmt.Sprintf("at least %d %s", *lo, unit))
		case hi != nil:
			out = append(out, fmt.Sprintf("at most %d %s", *hi, unit))
		}
	}
	span(s.MinLength, s.MaxLength, "characters")
	span(s.MinItems, s.MaxItems, "items")
	if s.Minimum != nil {
		out = append(out, "minimum "+strconv.FormatFloat(*s.Minimum, 'f', -1, 64))
	}
	if s.Maximum != nil {
		out = append(out, "maximum "+strconv.FormatFloat(*s.Maximum, 'f', -1, 64))
	}
	if s.Pattern != "" {
		out = append(out, "pattern "+s.Pattern)
	}
	if s.Default != nil {
		out = append(out, "default "+fmt.Sprint(s.Default))
	}
	if s.ReadOnly {
		out = append(out, "read only")
	}
	if s.WriteOnly {
		out = append(out, "write only")
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.Forbidden {
		out = append(out, "no other keys")
	}
	return out
}
