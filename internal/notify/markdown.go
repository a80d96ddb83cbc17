package notify

import (
	"bytes"
	htmltemplate "html/template"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown renders what people write (descriptions, replies) for the HTML
// part of a mail. goldmark runs without WithUnsafe, so raw HTML in the
// source is left out; its output then passes a sanitizer anyway, so that
// nothing a ticket holds reaches a mail as markup of its own.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Strikethrough, extension.Table, extension.Linkify),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(imagesAsLinks{}, 100))),
	goldmark.WithRendererOptions(html.WithHardWraps()),
)

// sanitizer is stricter than bluemonday's UGCPolicy: text structure and
// links only. No images (a remote image in a mail tells its sender when
// the mail is read), no forms, no styles, no relative links (a mail has no
// base to resolve them against).
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
		"em", "strong", "del", "s", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,9}$`)).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

// Markdown renders Markdown source to sanitized HTML, safe to put in a
// mail's HTML part as it is.
func Markdown(src string) htmltemplate.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only when writing to buf fails; show the source
		// as text rather than nothing
		return htmltemplate.HTML("<p>" + htmltemplate.HTMLEscapeString(src) + "</p>")
	}
	//nolint:gosec // sanitized just now
	return htmltemplate.HTML(sanitizer.SanitizeBytes(buf.Bytes()))
}

// imagesAsLinks turns each image into a link to it with its alt text: the
// sanitizer drops images, and their description should not go with them.
type imagesAsLinks struct{}

func (imagesAsLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}
