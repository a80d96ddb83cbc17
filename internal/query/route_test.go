package query_test

import (
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
	"helpdesk/internal/query"
)

// TestRouteOf runs requests through PocketBase's real router and
// classifies them in a middleware, where the bindings call RouteOf.
func TestRouteOf(t *testing.T) {
	app := apptest.NewApp(t)
	tickets, err := app.FindCollectionByNameOrId("tickets")
	if err != nil {
		t.Fatal(err)
	}
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var got query.Route
	router.BindFunc(func(e *core.RequestEvent) error {
		got = query.RouteOf(e.Request)
		return e.Next()
	})
	mux, err := router.BuildMux()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		method, path string
		want         query.Route
	}{
		{"GET", "/api/collections/tickets/records?filter=x", query.Route{Kind: query.RecordsList, Collection: "tickets"}},
		{"GET", "/api/collections/" + tickets.Id + "/records", query.Route{Kind: query.RecordsList, Collection: tickets.Id}},
		{"GET", "/api/collections/tickets/records/abc", query.Route{Kind: query.RecordView, Collection: "tickets"}},
		{"POST", "/api/collections/tickets/records", query.Route{Kind: query.RecordCreate, Collection: "tickets"}},
		{"PATCH", "/api/collections/tickets/records/abc", query.Route{Kind: query.RecordUpdate, Collection: "tickets"}},
		{"DELETE", "/api/collections/tickets/records/abc", query.Route{Kind: query.RecordDelete, Collection: "tickets"}},
		{"POST", "/api/realtime", query.Route{Kind: query.RealtimeSubscribe}},
		// the same path, other routes or none
		{"GET", "/api/collections/tickets/records/", query.Route{}},
		{"GET", "/api/collections/tickets/records/a/b", query.Route{}},
		{"POST", "/api/collections/users/auth-refresh", query.Route{}},
		{"GET", "/api//collections/tickets/records", query.Route{}},
	}
	for _, c := range cases {
		got = query.Route{Kind: -1}
		mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(c.method, c.path, nil))
		if got.Kind == -1 {
			got = query.Route{} // not routed (redirect, 404 before middlewares)
		}
		if got != c.want {
			t.Errorf("%s %s: %+v, want %+v", c.method, c.path, got, c.want)
		}
	}
}
