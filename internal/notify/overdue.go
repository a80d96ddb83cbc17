package notify

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/mail"
	"helpdesk/internal/ticket"
	usr "helpdesk/internal/user"
)

// Overdue is what the SLA alert tells one member of staff.
type Overdue struct {
	AppName        string
	AppURL         string
	RecipientName  string
	RecipientEmail string
	TicketID       string
	Number         int
	Title          string
	Priority       string
	Due            string
	// AssigneeName is empty when nobody holds the ticket.
	AssigneeName string
}

type overdueView struct {
	Overdue
	Link string
}

var overdueTemplate = newMailTemplate(
	`{{if .Number}}[#{{.Number}}] {{end}}Ticket overdue: {{.Title}}`,
	`<h1 style="font-size:20px">A ticket is overdue</h1>
<p>Hello {{.RecipientName}},</p>
<p>This ticket passed its due time while still open.</p>
<table style="border-collapse:collapse;margin:12px 0">
<tr><td style="padding:4px 12px 4px 0;color:#555">Title</td><td style="padding:4px 0"><strong>{{.Title}}</strong></td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">Priority</td><td style="padding:4px 0">{{if .Priority}}{{.Priority}}{{else}}not set{{end}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">Due</td><td style="padding:4px 0">{{.Due}}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">Assignee</td><td style="padding:4px 0">{{if .AssigneeName}}{{.AssigneeName}}{{else}}nobody{{end}}</td></tr>
</table>
{{if .Link}}<p><a href="{{.Link}}" style="display:inline-block;padding:10px 18px;background:#dc2626;color:#fff;text-decoration:none;border-radius:6px">Open the ticket</a></p>{{end}}`,
	`Hello {{.RecipientName}},

This ticket passed its due time while still open.

Title:    {{.Title}}
Priority: {{if .Priority}}{{.Priority}}{{else}}not set{{end}}
Due:      {{.Due}}
Assignee: {{if .AssigneeName}}{{.AssigneeName}}{{else}}nobody{{end}}
{{if .Link}}
Open the ticket: {{.Link}}
{{end}}
— {{.AppName}}
`)

// OverdueMessage renders the SLA alert to one member of staff; its
// subject is "[#<number>] Ticket overdue: <title>", like the other ticket
// mails.
func OverdueMessage(o Overdue) (mail.Message, error) {
	if o.AppName == "" {
		o.AppName = "Helpdesk"
	}
	return overdueTemplate.render(o.RecipientName, o.RecipientEmail, overdueView{Overdue: o, Link: TicketLink(o.AppURL, o.TicketID)})
}

// QueueOverdue queues the SLA alert of ticket t, one mail to each
// recipient with an address who has not muted notifications; assignee
// is the ticket's holder (nil for nobody).
func QueueOverdue(app core.App, t, assignee *core.Record, recipients []*core.Record) error {
	meta := mail.CurrentSettings(app).Meta
	holder := ""
	if assignee != nil {
		holder = assignee.GetString(usr.FieldName)
	}
	for _, r := range recipients {
		if r.Email() == "" || r.GetBool(usr.FieldMuteNotifications) {
			continue
		}
		msg, err := OverdueMessage(Overdue{
			AppName:        meta.AppName,
			AppURL:         meta.AppURL,
			RecipientName:  r.GetString(usr.FieldName),
			RecipientEmail: r.Email(),
			TicketID:       t.Id,
			Number:         t.GetInt(ticket.FieldNumber),
			Title:          t.GetString(ticket.FieldTitle),
			Priority:       t.GetString(ticket.FieldPriority),
			Due:            t.GetDateTime(ticket.FieldDue).Time().UTC().Format("2006-01-02 15:04 MST"),
			AssigneeName:   holder,
		})
		if err != nil {
			return fmt.Errorf("notify: unable to render the overdue mail: %w", err)
		}
		if _, err := mail.Enqueue(app, msg); err != nil {
			return err
		}
	}
	return nil
}
