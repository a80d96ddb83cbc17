package analysis_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"helpdesk/internal/analysis"
	"helpdesk/internal/ticket"
)

func TestCleanCutsToTheLimits(t *testing.T) {
	t.Parallel()
	links := []string{}
	for i := range 20 {
		links = append(links, "https://example.com/"+strings.Repeat("x", i+1))
	}
	res, err := analysis.Clean(analysis.Result{
		Priority: " HIGH ", Summary: strings.Repeat("s", 3000), HelpfulNotes: strings.Repeat("n", 30000),
		RelatedSkills: []string{"", strings.Repeat("k", 41), "ok", "a", "b", "c", "d", "e"}, ResourceLinks: links,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Priority != "high" || len(res.Summary) != ticket.SummaryMax || len(res.HelpfulNotes) != ticket.HelpfulNotesMax ||
		!slices.Equal(res.RelatedSkills, []string{"ok", "a", "b", "c", "d"}) || !slices.Equal(res.ResourceLinks, links[:ticket.AnalysisLinksMax]) {
		t.Errorf("not cut to the limits: priority %q, summary %d, notes %d, skills %v, links %d",
			res.Priority, len(res.Summary), len(res.HelpfulNotes), res.RelatedSkills, len(res.ResourceLinks))
	}
}

func TestCleanDropsWhatIsNoWebLink(t *testing.T) {
	t.Parallel()
	res, err := analysis.Clean(analysis.Result{
		Priority: "low", Summary: "  Fine.  ",
		ResourceLinks: []string{"javascript:alert(1)", "file:///etc/passwd", "/relative", " https://owasp.org/ ", "https://owasp.org/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary != "Fine." || !slices.Equal(res.ResourceLinks, []string{"https://owasp.org/"}) {
		t.Errorf("summary %q, links %v", res.Summary, res.ResourceLinks)
	}
}

func TestCleanRefuses(t *testing.T) {
	t.Parallel()
	for name, r := range map[string]analysis.Result{
		"priority outside the enum": {Priority: "urgent!!", Summary: "x"},
		"no priority":               {Summary: "x"},
		"blank summary":             {Priority: "low", Summary: " \n "},
	} {
		var invalid analysis.ErrInvalid
		if _, err := analysis.Clean(r); !errors.As(err, &invalid) {
			t.Errorf("%s: error %v, want ErrInvalid", name, err)
		}
	}
}
