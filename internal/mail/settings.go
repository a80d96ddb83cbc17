package mail

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// settingsKey holds, in the app's store, the copy CurrentSettings hands
// out; reloadHookKey marks that the hook refreshing it is bound.
const (
	settingsKey   = "helpdesk.mail.settings"
	reloadHookKey = "helpdesk.mail.settingsReloadHook"
)

// CurrentSettings is a consistent copy of the app's settings: the live
// value is rewritten in place (under its lock) whenever an admin saves
// the settings, while the sender and the requests that queue mail read
// them from their own goroutines. Merge copies under that lock; Clone
// would also read an unguarded flag. The copy is taken once and again on
// every settings reload, not on every call (Merge is a JSON round trip,
// and every ticket create and sender wake asks): callers share it and
// must not change it.
func CurrentSettings(app core.App) *core.Settings {
	store := app.Store()
	store.GetOrSet(reloadHookKey, func() any {
		app.OnSettingsReload().Bind(&hook.Handler[*core.SettingsReloadEvent]{
			Id:       reloadHookKey,
			Priority: -1000, // around every other handler: the copy is taken once the new settings are in
			Func: func(e *core.SettingsReloadEvent) error {
				err := e.Next()
				store.Set(settingsKey, copySettings(e.App))
				return err
			},
		})
		return true
	})
	return store.GetOrSet(settingsKey, func() any { return copySettings(app) }).(*core.Settings)
}

func copySettings(app core.App) *core.Settings {
	s := new(core.Settings)
	if err := s.Merge(app.Settings()); err != nil {
		return app.Settings()
	}
	return s
}
