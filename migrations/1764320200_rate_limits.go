package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// DefaultRateLimitRules returns the appliance's rate limits, per client IP;
// the first rule whose label matches a request applies. Tight on what
// guesses passwords or sends mail, loose on everything else. All of them
// stay editable in the dashboard (Settings → Application → Rate limiting).
func DefaultRateLimitRules() []core.RateLimitRule {
	return []core.RateLimitRule{
		// password guessing and account creation
		{Label: "*:authWithPassword", MaxRequests: 30, Duration: 10}, // a flood guard: guesses lock the account (hooks/logins.go)
		{Label: "*:authWithOTP", MaxRequests: 10, Duration: 10},
		{Label: "*:authWithOAuth2", MaxRequests: 10, Duration: 10},
		{Label: "users:create", MaxRequests: 20, Duration: 10},
		// requests that send an email
		{Label: "*:requestOTP", MaxRequests: 5, Duration: 60},
		{Label: "*:requestPasswordReset", MaxRequests: 5, Duration: 60},
		{Label: "*:requestVerification", MaxRequests: 5, Duration: 60},
		{Label: "*:requestEmailChange", MaxRequests: 5, Duration: 60},
		{Label: "*:confirmPasswordReset", MaxRequests: 10, Duration: 60},
		// writes
		{Label: "*:create", MaxRequests: 60, Duration: 10},
		{Label: "/api/batch", MaxRequests: 5, Duration: 1},
		// everything else, reads included
		{Label: "/api/", MaxRequests: 1000, Duration: 10},
	}
}

// Switch on PocketBase's rate limiter with the appliance's rules.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Enabled = true
		s.RateLimits.Rules = DefaultRateLimitRules()
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Enabled = false
		return app.Save(s)
	})
}
