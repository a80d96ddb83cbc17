package mail_test

import (
	"testing"

	"helpdesk/apptest"
	"helpdesk/internal/mail"
)

// CurrentSettings hands out one copy until the settings are saved, then
// the saved ones: a mail queued after an admin changed the app name or
// the sender carries the new values.
func TestCurrentSettingsFollowsSavedSettings(t *testing.T) {
	app := apptest.NewApp(t)
	first := mail.CurrentSettings(app)
	if again := mail.CurrentSettings(app); again != first {
		t.Fatal("the settings were copied again although nothing changed")
	}

	s, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	s.Meta.AppName = "Renamed desk"
	s.Meta.SenderAddress = "desk@renamed.test"
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}

	got := mail.CurrentSettings(app)
	if got.Meta.AppName != "Renamed desk" || got.Meta.SenderAddress != "desk@renamed.test" {
		t.Fatalf("after saving the settings: app name %q, sender %q; want the saved ones", got.Meta.AppName, got.Meta.SenderAddress)
	}
	if got == app.Settings() {
		t.Fatal("CurrentSettings handed out the live settings, not a copy")
	}
}
