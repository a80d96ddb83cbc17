package mail

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

var (
	spaces     = regexp.MustCompile(`[ \t\r\n]+`)
	blankLines = regexp.MustCompile(`\n{3,}`)
)

// elements whose content is not text a reader wants.
var skippedElements = []string{"head", "style", "script", "template", "svg", "img", "button", "form"}

// elements that start a new line.
var blockElements = []string{"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr", "blockquote"}

// htmlToText gives PocketBase's HTML-only mails (verification, password
// reset, ...) a plain-text alternative: the visible text, one block per
// line, links as "text (url)".
func htmlToText(doc string) string {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && slices.Contains(skippedElements, n.Data) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(spaces.ReplaceAllString(n.Data, " "))
			return
		}
		block := n.Type == html.ElementNode && slices.Contains(blockElements, n.Data)
		if block {
			b.WriteString("\n")
		}
		if n.Type == html.ElementNode && n.Data == "li" {
			b.WriteString("- ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && a.Val != "" && !strings.HasPrefix(a.Val, "#") {
					b.WriteString(" (" + a.Val + ")")
				}
			}
		}
		if block {
			b.WriteString("\n")
		}
	}
	walk(root)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
