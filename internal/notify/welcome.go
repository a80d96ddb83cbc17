package notify

import "helpdesk/internal/mail"

// Welcome is what the welcome mail says to a new user. Name is empty for
// an address nobody has verified (see QueueWelcome): the mail then says no
// more than a verification mail would.
type Welcome struct {
	AppName string
	AppURL  string
	Name    string
	Email   string
}

var welcomeTemplate = newMailTemplate(
	`Welcome to {{.AppName}}`,
	`<h1 style="font-size:20px">Welcome to {{.AppName}}{{if .Name}}, {{.Name}}{{end}}!</h1>
<p>Your account <strong>{{.Email}}</strong> is ready. When something does not work, open a ticket in the portal: we read every one, sort it and hand it to the right person.</p>
{{if .AppURL}}<p><a href="{{.AppURL}}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#fff;text-decoration:none;border-radius:6px">Open the portal</a></p>{{end}}`,
	`Welcome to {{.AppName}}{{if .Name}}, {{.Name}}{{end}}!

Your account {{.Email}} is ready. When something does not work, open a ticket in the portal: we read every one, sort it and hand it to the right person.
{{if .AppURL}}
Open the portal: {{.AppURL}}
{{end}}
— {{.AppName}}
`)

// WelcomeMessage renders the welcome mail; its subject starts with
// "Welcome".
func WelcomeMessage(w Welcome) (mail.Message, error) {
	if w.AppName == "" {
		w.AppName = "Helpdesk"
	}
	w.AppURL = trimURL(w.AppURL)
	return welcomeTemplate.render(w.Name, w.Email, w)
}
