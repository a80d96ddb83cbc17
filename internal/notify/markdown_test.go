package notify_test

import (
	"strings"
	"testing"

	"helpdesk/internal/notify"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		has    []string
		hasNot []string
	}{
		{
			name: "formatting",
			src:  "**Bold** and _em_, `code`\n\n- one\n- two\n\n> quoted\n\nline\nbreak ~~gone~~",
			has:  []string{"<strong>Bold</strong>", "<em>em</em>", "<code>code</code>", "<li>one</li>", "<blockquote>", "line<br>", "<del>gone</del>"},
		},
		{
			name:   "script",
			src:    "Hi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>",
			has:    []string{"Hi ", " there"},
			hasNot: []string{"<script", "alert(2)"},
		},
		{
			name:   "img onerror",
			src:    `<img src=x onerror="alert(1)"> and <b onclick="x()">bold</b>`,
			hasNot: []string{"<img", "onerror", "onclick", "<b"},
		},
		{
			name:   "raw HTML block",
			src:    "<div style=\"position:fixed\"><iframe src=\"https://evil.example\"></iframe><form action=/x><input name=p></form></div>",
			hasNot: []string{"<div", "<iframe", "<form", "<input", "style=", "evil.example"},
		},
		{
			name:   "javascript link",
			src:    "[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)",
			has:    []string{"click", "data"},
			hasNot: []string{"javascript:", "data:text", "href"},
		},
		{
			name:   "links",
			src:    "[docs](https://example.com/a?b=1&c=2) and https://status.example.com and [rel](/admin)",
			has:    []string{`<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noreferrer noopener" target="_blank">docs</a>`, `href="https://status.example.com"`, "rel"},
			hasNot: []string{`href="/admin"`},
		},
		{
			name:   "image becomes a link",
			src:    `![the error dialog](https://tracker.example.com/pixel.png "t")`,
			has:    []string{`href="https://tracker.example.com/pixel.png"`, ">the error dialog</a>"},
			hasNot: []string{"<img"},
		},
		{
			name:   "entities stay text",
			src:    "1 < 2 && 3 > 2 &lt;b&gt;",
			has:    []string{"1 &lt; 2 &amp;&amp; 3 &gt; 2 &lt;b&gt;"},
			hasNot: []string{"<b>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(notify.Markdown(tt.src))
			for _, s := range tt.has {
				if !strings.Contains(got, s) {
					t.Errorf("lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(got, s) {
					t.Errorf("has %q:\n%s", s, got)
				}
			}
		})
	}
}
