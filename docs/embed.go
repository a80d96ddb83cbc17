// Package docs holds the helpdesk's documentation. It embeds the OpenAPI
// document so that the binary serves it at /api/docs with nothing fetched
// from elsewhere.
package docs

import _ "embed"

// OpenAPI is docs/openapi.yaml, the description of the API as a client
// sees it.
//
//go:embed openapi.yaml
var OpenAPI []byte
