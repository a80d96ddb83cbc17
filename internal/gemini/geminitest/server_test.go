package geminitest_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"helpdesk/internal/analysis"
	"helpdesk/internal/gemini"
	"helpdesk/internal/gemini/geminitest"
)

func TestSteady(t *testing.T) {
	const latency = 30 * time.Millisecond
	fake := geminitest.New(t, geminitest.Steady(latency, "networking", "billing"))
	a, err := gemini.New(gemini.Config{
		APIKey: "test-key", BaseURL: fake.URL, MaxAttempts: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	in := analysis.Input{Title: "VPN down", Description: "It drops every minute.", KnownSkills: []string{"networking", "billing"}}
	var priorities, skills []string
	for range 2 {
		start := time.Now()
		res, err := a.Analyze(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took < latency {
			t.Errorf("answered in %v, want at least %v", took, latency)
		}
		priorities = append(priorities, res.Priority)
		skills = append(skills, res.RelatedSkills...)
	}
	if priorities[0] == priorities[1] || len(skills) != 2 || skills[0] == skills[1] {
		t.Errorf("priorities %v and skills %v do not rotate", priorities, skills)
	}
	if n := fake.Calls(); n != 2 {
		t.Errorf("Calls() = %d, want 2", n)
	}
}
