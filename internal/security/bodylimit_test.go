package security_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/security"
)

func TestBodyLimitRecordBodyLimit(t *testing.T) {
	c := core.NewBaseCollection("notes")
	c.Fields.Add(
		&core.TextField{Name: "title", Max: 100},
		&core.JSONField{Name: "data", MaxSize: 1000},
		&core.SelectField{Name: "kind", MaxSelect: 1, Values: []string{"a", "bcd"}},
	)
	got := security.RecordBodyLimit(c, false)
	// the collection's implicit id text field (max 15) plus ours, each at
	// its worst-case escaped size, plus the name overhead and the slack
	want := int64(4096) + (2 + 8 + 15*6) + (5 + 8 + 100*6) + (4 + 8 + 1000) + (4 + 8 + 3*6 + 4)
	if got != want {
		t.Fatalf("RecordBodyLimit = %d, want %d", got, want)
	}
}
