package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// fakeGemini speaks Gemini's generateContent REST protocol
// (POST /v1beta/models/{model}:generateContent) with a fixed latency and
// answers with JSON that fits the response schema of the request.
type fakeGemini struct {
	url     string
	latency time.Duration
	calls   atomic.Int64
	srv     *http.Server
}

func startFakeGemini(latency time.Duration) (*fakeGemini, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fakeGemini{url: "http://" + l.Addr().String(), latency: latency}
	f.srv = &http.Server{Handler: http.HandlerFunc(f.serve)}
	go f.srv.Serve(l)
	return f, nil
}

func (f *fakeGemini) close() { f.srv.Close() }

func (f *fakeGemini) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, ":generateContent") {
		http.Error(w, `{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}`, http.StatusNotFound)
		return
	}
	n := f.calls.Add(1)
	var req struct {
		GenerationConfig struct {
			ResponseSchema     map[string]any `json:"responseSchema"`
			ResponseJSONSchema map[string]any `json:"responseJsonSchema"`
		} `json:"generationConfig"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":{"code":400,"message":"bad json","status":"INVALID_ARGUMENT"}}`, http.StatusBadRequest)
		return
	}
	select {
	case <-time.After(f.latency):
	case <-r.Context().Done():
		return
	}
	schema := req.GenerationConfig.ResponseSchema
	if schema == nil {
		schema = req.GenerationConfig.ResponseJSONSchema
	}
	var answer any
	if schema != nil {
		answer = fromSchema("", schema, int(n))
	} else {
		answer = map[string]any{
			"priority":       []string{"low", "medium", "high", "critical"}[n%4],
			"summary":        "The user reports a problem that needs a look.",
			"helpful_notes":  "- Check the logs\n- Ask for a screenshot",
			"related_skills": []string{"networking"},
			"resource_links": []string{"https://example.com/kb/1"},
		}
	}
	text, _ := json.Marshal(answer)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"candidates": []any{map[string]any{
			"content":      map[string]any{"role": "model", "parts": []any{map[string]any{"text": string(text)}}},
			"finishReason": "STOP",
			"index":        0,
		}},
		"usageMetadata": map[string]any{"promptTokenCount": 200, "candidatesTokenCount": 80, "totalTokenCount": 280},
		"modelVersion":  "bench-fake",
	})
}

// fromSchema builds a value that satisfies a Gemini (OpenAPI subset) or
// JSON schema: enums rotate with n, links are URLs, skills are skill names.
func fromSchema(name string, s map[string]any, n int) any {
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		return enum[n%len(enum)]
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		if alts, ok := s[k].([]any); ok && len(alts) > 0 {
			if alt, ok := alts[0].(map[string]any); ok {
				return fromSchema(name, alt, n)
			}
		}
	}
	typ := ""
	switch t := s["type"].(type) {
	case string:
		typ = strings.ToLower(t)
	case []any:
		for _, x := range t {
			if xs, ok := x.(string); ok && strings.ToLower(xs) != "null" {
				typ = strings.ToLower(xs)
				break
			}
		}
	}
	lname := strings.ToLower(name)
	switch typ {
	case "object":
		out := map[string]any{}
		props, _ := s["properties"].(map[string]any)
		for k, v := range props {
			if ps, ok := v.(map[string]any); ok {
				out[k] = fromSchema(k, ps, n)
			}
		}
		return out
	case "array":
		items, _ := s["items"].(map[string]any)
		if items == nil {
			items = map[string]any{"type": "string"}
		}
		return []any{fromSchema(name, items, n), fromSchema(name, items, n+1)}
	case "integer", "number":
		return 1
	case "boolean":
		return false
	}
	switch {
	case strings.Contains(lname, "link") || strings.Contains(lname, "url"):
		return fmt.Sprintf("https://example.com/kb/%d", n%7)
	case strings.Contains(lname, "skill"):
		return []string{"networking", "databases", "billing", "security"}[n%4]
	case strings.Contains(lname, "note"):
		return "- Likely cause: a recent change\n- Check the service logs\n- Ask the user for a screenshot"
	default:
		return "The user reports a problem that needs a look by the team."
	}
}
