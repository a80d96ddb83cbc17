package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Password guesses now lock the account they aim at (hooks/logins.go), so
// the per-address login limit only guards against floods: at 10 per 10 s
// ten wrong passwords for one account locked out everyone behind the
// same address. An operator's own value is kept.
func init() {
	m.Register(func(app core.App) error {
		return setLoginRateLimit(app, 10, 30)
	}, func(app core.App) error {
		return setLoginRateLimit(app, 30, 10)
	})
}

func setLoginRateLimit(app core.App, from, to int) error {
	s := app.Settings()
	for i, r := range s.RateLimits.Rules {
		if r.Label == "*:authWithPassword" && r.MaxRequests == from && r.Duration == 10 {
			s.RateLimits.Rules[i].MaxRequests = to
			return app.Save(s)
		}
	}
	return nil
}
