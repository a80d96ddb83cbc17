package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// api is a small PocketBase REST client: JSON in, JSON out.
type api struct {
	base string
	hc   *http.Client
}

func newAPI(base string) *api {
	tr := &http.Transport{
		MaxIdleConns:        1024,
		MaxIdleConnsPerHost: 1024,
		IdleConnTimeout:     time.Minute,
	}
	return &api{base: base, hc: &http.Client{Transport: tr, Timeout: 2 * time.Minute}}
}

// statusError is a non-2xx answer.
type statusError struct {
	Method, Path string
	Status       int
	Body         string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, e.Body)
}

// do sends a request and decodes a 2xx JSON answer into out (when not nil).
func (a *api) do(ctx context.Context, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return &statusError{Method: method, Path: path, Status: res.StatusCode, Body: string(data)}
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// authResult is PocketBase's auth-with-password answer.
type authResult struct {
	Token  string `json:"token"`
	Record struct {
		ID   string `json:"id"`
		Role string `json:"role"`
	} `json:"record"`
}

func (a *api) auth(ctx context.Context, collection, email, password string) (authResult, error) {
	var r authResult
	err := a.do(ctx, "POST", "/api/collections/"+collection+"/auth-with-password", "",
		map[string]string{"identity": email, "password": password}, &r)
	return r, err
}

// count returns how many records of collection match filter (as token).
func (a *api) count(ctx context.Context, token, collection, filter string) (int, error) {
	var page struct {
		TotalItems int `json:"totalItems"`
	}
	q := url.Values{"perPage": {"1"}, "fields": {"id"}, "filter": {filter}}
	err := a.do(ctx, "GET", "/api/collections/"+collection+"/records?"+q.Encode(), token, nil, &page)
	return page.TotalItems, err
}

// account is a signed-in user of the bench.
type account struct {
	ID, Email, Role, Token string
}
