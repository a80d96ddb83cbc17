package hooks

import "github.com/pocketbase/pocketbase/core"

// inTransaction runs a model write (the rest of the hook chain) and the
// writes it causes (its mail, its history) in one transaction, joined when
// the caller already has one. prepare runs before the write and returns
// the step to run after it; its error fails the write. e.App is restored
// afterwards: PocketBase runs the after-success hooks, realtime among
// them, with e.App, and a finished transaction there silently drops the
// realtime events.
func inTransaction(e *core.RecordEvent, prepare func(txApp core.App) (func() error, error)) error {
	orig := e.App
	defer func() { e.App = orig }()
	return orig.RunInTransaction(func(txApp core.App) error {
		e.App = txApp
		after, err := prepare(txApp)
		if err != nil {
			return err
		}
		if err := e.Next(); err != nil {
			return err
		}
		return after()
	})
}
