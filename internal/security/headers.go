// Package security holds the appliance's safe defaults: the response
// security headers and the request body limits.
package security

import (
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// DefaultCSP is the Content-Security-Policy of the portal pages (pb_public)
// and of every other non-dashboard response: everything from the
// appliance's own origin (scripts, styles, the API and realtime through
// connect-src), no inline script or script attribute, no plugins, no
// framing by other sites. Inline styles stay allowed, as in Helmet's
// defaults: they cannot run code and small style attributes are common.
const DefaultCSP = "default-src 'self'; base-uri 'self'; connect-src 'self'; " +
	"font-src 'self' data:; form-action 'self'; frame-ancestors 'self'; " +
	"img-src 'self' data: blob:; object-src 'none'; script-src 'self'; " +
	"script-src-attr 'none'; style-src 'self' 'unsafe-inline'"

// DefaultHSTSMaxAge is the Strict-Transport-Security max-age: one year.
const DefaultHSTSMaxAge = 365 * 24 * time.Hour

// FilesCSP is the Content-Security-Policy of uploaded files, PocketBase's
// own for its file handler: nothing loads, nothing runs (sandbox), even
// if a file is opened as a page. The portal policy would let an uploaded
// page run scripts of this origin.
const FilesCSP = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox"

// FilesPrefix is where PocketBase serves uploaded files.
const FilesPrefix = "/api/files/"

// activeExtensions are file types a browser renders as a page or runs:
// served as downloads, never inline.
var activeExtensions = []string{".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf"}

// DashboardPrefix is where PocketBase serves its dashboard; it keeps
// PocketBase's own CSP, written for the dashboard's needs.
const DashboardPrefix = "/_/"

// Headers configures the security headers. The zero value gives the
// documented defaults.
type Headers struct {
	// CSP is the Content-Security-Policy outside the dashboard
	// (default DefaultCSP).
	CSP string

	// HSTSMaxAge is the max-age of Strict-Transport-Security, sent only
	// over HTTPS (default DefaultHSTSMaxAge).
	HSTSMaxAge time.Duration
}

// Apply sets the security headers on a response before the handler runs,
// so that a handler which needs another policy can still replace them.
//
// Strict-Transport-Security is sent only when the request came over HTTPS:
// TLS on this server, or X-Forwarded-Proto: https when trustForwarded says
// a reverse proxy in front is trusted to set it.
func (h Headers) Apply(w http.Header, r *http.Request, trustForwarded bool) {
	w.Set("X-Content-Type-Options", "nosniff")
	w.Set("X-Frame-Options", "SAMEORIGIN")
	w.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	w.Set("Cross-Origin-Opener-Policy", "same-origin")

	if strings.HasPrefix(r.URL.Path, FilesPrefix) {
		// set before PocketBase's file handler, which keeps headers set
		w.Set("Content-Security-Policy", FilesCSP)
		name := path.Base(r.URL.Path)
		if slices.Contains(activeExtensions, strings.ToLower(path.Ext(name))) {
			w.Set("Content-Disposition", "attachment; filename="+strconv.Quote(name))
		}
	} else if !strings.HasPrefix(r.URL.Path, DashboardPrefix) {
		csp := h.CSP
		if csp == "" {
			csp = DefaultCSP
		}
		w.Set("Content-Security-Policy", csp)
	}

	if IsHTTPS(r, trustForwarded) {
		maxAge := h.HSTSMaxAge
		if maxAge <= 0 {
			maxAge = DefaultHSTSMaxAge
		}
		w.Set("Strict-Transport-Security", "max-age="+strconv.FormatInt(int64(maxAge/time.Second), 10)+"; includeSubDomains")
	}
}

// IsHTTPS reports whether the client reached the appliance over HTTPS:
// directly over TLS, or through a trusted proxy that says so in
// X-Forwarded-Proto.
func IsHTTPS(r *http.Request, trustForwarded bool) bool {
	if r.TLS != nil {
		return true
	}
	if !trustForwarded {
		return false
	}
	proto, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ",")
	return strings.EqualFold(strings.TrimSpace(proto), "https")
}

// TrustsProxy reports whether the operator declared a reverse proxy in
// front of the appliance (Settings → Trusted proxy has headers), which is
// when its X-Forwarded-Proto is believed.
func TrustsProxy(app core.App) bool {
	return len(app.Settings().TrustedProxy.Headers) > 0
}
