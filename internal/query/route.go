package query

import "net/http"

// Kind is what a request does, as PocketBase's router matched it.
type Kind int

// The kinds of request the query checks care about.
const (
	Other Kind = iota
	RecordsList
	RecordView
	RecordCreate
	RecordUpdate
	RecordDelete
	RealtimeSubscribe
)

// patterns are PocketBase's own route patterns (apis/record_crud.go,
// apis/realtime.go): matching the pattern the router chose, rather than
// re-parsing the path, cannot disagree with the route that will run.
var patterns = map[string]Kind{
	"GET /api/collections/{collection}/records":         RecordsList,
	"GET /api/collections/{collection}/records/{id}":    RecordView,
	"POST /api/collections/{collection}/records":        RecordCreate,
	"PATCH /api/collections/{collection}/records/{id}":  RecordUpdate,
	"DELETE /api/collections/{collection}/records/{id}": RecordDelete,
	"POST /api/realtime":                                RealtimeSubscribe,
}

// Route is a classified request.
type Route struct {
	Kind Kind
	// Collection is the collection name or id as written in the path
	// (record routes only).
	Collection string
}

// RouteOf classifies a request inside a router middleware, where the
// standard mux has already set the matched pattern and path values.
func RouteOf(r *http.Request) Route {
	k := patterns[r.Pattern]
	if k == Other {
		return Route{}
	}
	return Route{Kind: k, Collection: r.PathValue("collection")}
}
