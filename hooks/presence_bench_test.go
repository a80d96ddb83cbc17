package hooks_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"helpdesk/apptest"
	"helpdesk/internal/user"
)

// BenchmarkPresenceConnections opens n realtime connections of n signed-in
// users through the app's realtime hooks (connect, then subscribe with a
// token, as the SDK does), then closes them, and reports the hooks' cost
// per connection. It must not grow with n.
func BenchmarkPresenceConnections(b *testing.B) {
	for _, n := range []int{1000, 3000, 6000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			app := apptest.NewApp(b)
			users, err := app.FindCollectionByNameOrId(user.Collection)
			if err != nil {
				b.Fatal(err)
			}
			auths := make([]*core.Record, n)
			for i := range auths {
				r := core.NewRecord(users)
				r.Id = fmt.Sprintf("u%014d", i)
				r.Set(user.FieldName, fmt.Sprintf("User %d", i))
				r.Set(user.FieldRole, user.RoleUser)
				auths[i] = r
			}
			broker := app.SubscriptionsBroker()
			var elapsed time.Duration
			for b.Loop() {
				// connect: each connection's handler runs until it is released
				release := make(chan struct{})
				var open, closed sync.WaitGroup
				clients := make([]*subscriptions.DefaultClient, n)
				for i := range clients {
					c := subscriptions.NewDefaultClient()
					clients[i] = c
					open.Add(1)
					closed.Add(1)
					go func() {
						defer closed.Done()
						e := &core.RealtimeConnectRequestEvent{RequestEvent: &core.RequestEvent{App: app}, Client: c}
						_ = app.OnRealtimeConnectRequest().Trigger(e, func(e *core.RealtimeConnectRequestEvent) error {
							broker.Register(c)
							open.Done()
							<-release
							broker.Unregister(c.Id())
							return nil
						})
					}()
				}
				open.Wait()

				start := time.Now()
				for i, c := range clients {
					e := &core.RealtimeSubscribeRequestEvent{RequestEvent: &core.RequestEvent{App: app, Auth: auths[i]}, Client: c, Subscriptions: []string{"tickets/*"}}
					err := app.OnRealtimeSubscribeRequest().Trigger(e, func(e *core.RealtimeSubscribeRequestEvent) error {
						e.Client.Set(apis.RealtimeClientAuthKey, e.Auth)
						e.Client.Subscribe(e.Subscriptions...)
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				close(release)
				closed.Wait()
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(elapsed.Microseconds())/float64(b.N*n), "µs/conn")
		})
	}
}

// TestPresenceSubscribeCostIsConstant signs a connection in with 200 and
// with 2,000 others online and compares the allocations of the realtime
// hooks: a scan of every client would grow with them.
func TestPresenceSubscribeCostIsConstant(t *testing.T) {
	app := apptest.NewApp(t)
	users, err := app.FindCollectionByNameOrId(user.Collection)
	if err != nil {
		t.Fatal(err)
	}
	broker := app.SubscriptionsBroker()
	next := 0
	signIn := func() {
		next++
		auth := core.NewRecord(users)
		auth.Id = fmt.Sprintf("u%014d", next)
		auth.Set(user.FieldRole, user.RoleUser)
		c := subscriptions.NewDefaultClient()
		broker.Register(c)
		e := &core.RealtimeSubscribeRequestEvent{RequestEvent: &core.RequestEvent{App: app, Auth: auth}, Client: c, Subscriptions: []string{"tickets/*"}}
		err := app.OnRealtimeSubscribeRequest().Trigger(e, func(e *core.RealtimeSubscribeRequestEvent) error {
			e.Client.Set(apis.RealtimeClientAuthKey, e.Auth)
			e.Client.Subscribe(e.Subscriptions...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	allocsWith := func(online int) float64 {
		for next < online {
			signIn()
		}
		return testing.AllocsPerRun(100, signIn)
	}
	few, many := allocsWith(200), allocsWith(2000)
	if many > 2*few {
		t.Fatalf("a sign-in allocates %.0f times with 200 online, %.0f with 2,000", few, many)
	}
}
