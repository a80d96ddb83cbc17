// Package geminitest is a fake Gemini API for tests and the benchmark: an
// httptest server speaking the generateContent REST protocol to the real
// genai client, answering each call as a script says and recording
// requests.
package geminitest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is one generateContent call as the server received it.
type Request struct {
	// Model is the model named in the path.
	Model string
	// APIKey is the x-goog-api-key header.
	APIKey string
	// Body is the raw JSON body.
	Body []byte
	// Decoded is the body's parts the tests look at.
	Decoded Body
}

// Body is the part of a generateContent request body the tests read.
type Body struct {
	Contents          []Content `json:"contents"`
	SystemInstruction *Content  `json:"systemInstruction"`
	GenerationConfig  struct {
		ResponseMIMEType string         `json:"responseMimeType"`
		ResponseSchema   map[string]any `json:"responseSchema"`
	} `json:"generationConfig"`
}

// Content is a message of the conversation.
type Content struct {
	Role  string `json:"role"`
	Parts []struct {
		Text string `json:"text"`
	} `json:"parts"`
}

// Text joins the parts' texts.
func (c Content) Text() string {
	var b strings.Builder
	for _, p := range c.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Reply is how the server answers one call.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Header is added to the response (for example Retry-After).
	Header http.Header
	// Text is the model's answer text in a 200 response.
	Text string
	// Raw, when set, is sent as the body instead of a response built
	// from Text or Status.
	Raw string
	// Delay holds the answer back; the call returns early when the
	// client gives up.
	Delay time.Duration
	// Hold, when set, holds the answer back until it is closed or the
	// client gives up.
	Hold <-chan struct{}
}

// Answer is a 200 whose model text is the JSON encoding of v (a string is
// sent as is).
func Answer(v any) Reply {
	if s, ok := v.(string); ok {
		return Reply{Text: s}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return Reply{Text: string(b)}
}

// Status is an API error with Google's error body.
func Status(code int) Reply {
	return Reply{Status: code}
}

// Good is a valid analysis with the given priority and skills.
func Good(priority string, skills ...string) Reply {
	if skills == nil {
		skills = []string{}
	}
	return Answer(map[string]any{
		"priority":       priority,
		"summary":        "The customer reports a problem that needs a look.",
		"helpful_notes":  "- Check the logs\n- Ask for a screenshot",
		"related_skills": skills,
		"resource_links": []string{"https://example.com/kb/1"},
	})
}

// Steady is a script for load: every call is answered after latency with a
// valid analysis whose priority, and skill when skills are given, rotate
// with the call number.
func Steady(latency time.Duration, skills ...string) func(call int, r Request) Reply {
	priorities := []string{"low", "medium", "high", "critical"}
	return func(call int, _ Request) Reply {
		var skill []string
		if len(skills) > 0 {
			skill = []string{skills[call%len(skills)]}
		}
		reply := Good(priorities[call%len(priorities)], skill...)
		reply.Delay = latency
		return reply
	}
}

// Server is the fake API. Its zero value is not usable; use New or
// NewServer.
type Server struct {
	// URL is the base URL to give the client (GEMINI_BASE_URL).
	URL string

	srv      *httptest.Server
	mu       sync.Mutex
	requests []Request
	script   func(call int, r Request) Reply
}

// New starts a server answering call n (from 1) with script(n, request).
// It stops with the test.
func New(t testing.TB, script func(call int, r Request) Reply) *Server {
	t.Helper()
	s := NewServer(script)
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a server answering call n (from 1) with
// script(n, request), outside a test; Close stops it.
func NewServer(script func(call int, r Request) Reply) *Server {
	s := &Server{script: script}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close stops the server, after the calls in flight.
func (s *Server) Close() { s.srv.Close() }

// SetScript replaces the script for the calls to come.
func (s *Server) SetScript(script func(call int, r Request) Reply) {
	s.mu.Lock()
	s.script = script
	s.mu.Unlock()
}

// Requests returns the calls received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls returns how many calls were received.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// POST /v1beta/models/{model}:generateContent
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1beta/models/")
	model, ok2 := strings.CutSuffix(rest, ":generateContent")
	if r.Method != http.MethodPost || !ok || !ok2 {
		writeError(w, http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(r.Body)
	req := Request{Model: model, APIKey: r.Header.Get("x-goog-api-key"), Body: body}
	if err == nil {
		err = json.Unmarshal(body, &req.Decoded)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	n := len(s.requests)
	script := s.script
	s.mu.Unlock()

	reply := script(n, req)
	if reply.Delay > 0 {
		t := time.NewTimer(reply.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
	}
	if reply.Hold != nil {
		select {
		case <-reply.Hold:
		case <-r.Context().Done():
			return
		}
	}
	for k, vs := range reply.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	switch {
	case reply.Raw != "":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(max(reply.Status, http.StatusOK))
		io.WriteString(w, reply.Raw)
	case reply.Status != 0 && reply.Status != http.StatusOK:
		writeError(w, reply.Status)
	default:
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"candidates": []any{map[string]any{
				"content":      map[string]any{"role": "model", "parts": []any{map[string]any{"text": reply.Text}}},
				"finishReason": "STOP",
				"index":        0,
			}},
			"usageMetadata": map[string]any{"promptTokenCount": 100, "candidatesTokenCount": 50, "totalTokenCount": 150},
			"modelVersion":  model,
		})
	}
}

// writeError writes Google's JSON error body.
func writeError(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"code": code, "message": http.StatusText(code), "status": strings.ToUpper(strings.ReplaceAll(http.StatusText(code), " ", "_")),
	}})
}
