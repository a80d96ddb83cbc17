package mail

import "github.com/pocketbase/pocketbase/core"

// currentSettings is a consistent copy of the app's settings: the live
// value is rewritten in place (under its lock) whenever an admin saves
// the settings, and the sender reads them from its own goroutine. Merge
// copies under that lock; Clone would also read an unguarded flag.
func currentSettings(app core.App) *core.Settings {
	s := new(core.Settings)
	if err := s.Merge(app.Settings()); err != nil {
		return app.Settings()
	}
	return s
}
