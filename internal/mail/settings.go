package mail

import "github.com/pocketbase/pocketbase/core"

// CurrentSettings is a consistent copy of the app's settings: the live
// value is rewritten in place (under its lock) whenever an admin saves
// the settings, while the sender and the requests that queue mail read
// them from their own goroutines. Merge copies under that lock; Clone
// would also read an unguarded flag.
func CurrentSettings(app core.App) *core.Settings {
	s := new(core.Settings)
	if err := s.Merge(app.Settings()); err != nil {
		return app.Settings()
	}
	return s
}
