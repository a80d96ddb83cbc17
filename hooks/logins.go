package hooks

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"helpdesk/internal/security"
)

// bindLogins locks an account after repeated failed password logins,
// whatever addresses they come from (the rate limiter counts per
// address only). now is the lock's clock (nil: time.Now).
func bindLogins(app core.App, cfg security.Config, now func() time.Time) {
	logins := security.NewLogins(cfg, now)
	app.OnRecordAuthWithPasswordRequest().BindFunc(func(e *core.RecordAuthWithPasswordRequestEvent) error {
		recordID := ""
		if e.Record != nil {
			recordID = e.Record.Id
		}
		key := security.LoginKey(e.Collection.Id, recordID, e.Identity)
		if wait := logins.Locked(key); wait > 0 {
			return e.TooManyRequestsError(fmt.Sprintf("Too many failed logins for this account. Try again in %s.", wait.Round(time.Second)), nil)
		}
		err := e.Next()
		var apiErr *router.ApiError
		switch {
		case err == nil:
			logins.Succeeded(key)
		case errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest:
			logins.Failed(key) // PocketBase's "Failed to authenticate."
		}
		return err
	})
}
