package hooks

import (
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/presence"
)

// bindPresence tracks who is connected to realtime (listed to admins by
// GET /api/helpdesk/online, see listOnline) and tells admins subscribed
// to the helpdesk/presence topic when someone comes or goes. Each step
// touches only its own connection, whatever the number of connections.
func bindPresence(app core.App) {
	tracker := presence.NewTracker()

	app.OnRealtimeConnectRequest().BindFunc(func(e *core.RealtimeConnectRequestEvent) error {
		presence.MarkConnected(e.Client, time.Now())
		// e.Next returns when the connection closes and the client is gone
		err := e.Next()
		tracker.Closed(e.Client)
		return err
	})

	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		for _, sub := range e.Subscriptions {
			if (sub == presence.Topic || strings.HasPrefix(sub, presence.Topic+"?")) && !presence.MayWatch(e.Auth) {
				return e.ForbiddenError("Only admins can watch presence.", validation.Errors{
					"subscriptions": validation.NewError("validation_topic_forbidden", presence.Topic+" is for admins only."),
				})
			}
		}
		if err := e.Next(); err != nil {
			return err
		}
		tracker.Subscribed(e.Client)
		return nil
	})
}
