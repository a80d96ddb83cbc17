package inbox

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

var (
	htmlSpaces     = regexp.MustCompile(`[ \t\r\n\f\x{00a0}]+`)
	htmlBlankLines = regexp.MustCompile(`\n{3,}`)
)

// elements whose content is not text a reader wants.
var htmlSkipped = []string{"head", "title", "style", "script", "template", "svg", "img", "button", "form", "object", "iframe", "noscript"}

// elements that stand on lines of their own.
var htmlBlocks = []string{"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr", "pre", "section", "article", "header", "footer", "address", "dl", "dt", "dd"}

// HTMLToText turns an HTML mail into the text a reader sees: one block
// per line, list items as "- ", links as "text (url)", and quoted parts
// (blockquote) as "> " lines, so that the reply stripper can take them
// out. No markup survives.
func HTMLToText(doc string) string {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return ""
	}
	return tidyLines(renderHTML(root))
}

func renderHTML(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				b.WriteString(n.Data)
			} else {
				b.WriteString(htmlSpaces.ReplaceAllString(n.Data, " "))
			}
			return
		case html.CommentNode, html.DoctypeNode:
			return
		}
		if n.Type == html.ElementNode {
			if slices.Contains(htmlSkipped, n.Data) {
				return
			}
			if n.Data == "blockquote" {
				var inner strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					inner.WriteString(renderHTML(c))
				}
				b.WriteString("\n")
				for _, l := range strings.Split(tidyLines(inner.String()), "\n") {
					b.WriteString("> " + l + "\n")
				}
				return
			}
		}
		block := n.Type == html.ElementNode && slices.Contains(htmlBlocks, n.Data)
		if block {
			b.WriteString("\n")
		}
		if n.Type == html.ElementNode && n.Data == "li" {
			b.WriteString("\n- ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre || (n.Type == html.ElementNode && n.Data == "pre"))
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && (strings.HasPrefix(a.Val, "http://") || strings.HasPrefix(a.Val, "https://")) {
					if text := strings.TrimSpace(textOf(n)); text != a.Val {
						b.WriteString(" (" + a.Val + ")")
					}
				}
			}
		}
		if block {
			b.WriteString("\n")
		}
	}
	walk(n, false)
	return b.String()
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var s string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s += textOf(c)
	}
	return s
}

func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(strings.TrimLeft(l, " "), " \t")
	}
	return strings.TrimSpace(htmlBlankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
