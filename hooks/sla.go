package hooks

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/routine"

	"helpdesk/internal/sla"
)

// bindSLA makes the SLA watcher. With autostart it runs on PocketBase's
// cron every minute and once when the app starts serving, which alerts at
// once on the breaches a stopped server missed.
func bindSLA(app core.App, autostart bool) *sla.Watcher {
	w := sla.New(app, nil)
	if autostart {
		app.Cron().MustAdd(sla.CronJob, sla.Schedule, w.Run)
		app.OnServe().BindFunc(func(e *core.ServeEvent) error {
			routine.FireAndForget(w.Run)
			return e.Next()
		})
	}
	return w
}
