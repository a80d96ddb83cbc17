package notify

import (
	"net/url"
	"strings"

	"helpdesk/internal/mail"
)

// Assignment is what the assignment mail tells the assignee.
type Assignment struct {
	AppName       string
	AppURL        string
	AssigneeName  string
	AssigneeEmail string
	TicketID      string
	Number        int
	Title         string
	Priority      string
	Summary       string
}

// assignmentView adds the derived values the templates show.
type assignmentView struct {
	Assignment
	Link string
}

var assignmentTemplate = newMailTemplate(
	`[#{{.Number}}] New ticket assigned: {{.Title}}`,
	`<h1 style="font-size:20px">Ticket #{{.Number}} was assigned to you</h1>
<p>Hello {{.AssigneeName}},</p>
<table style="border-collapse:collapse;margin:12px 0">
<tr><td style="padding:4px 12px 4px 0;color:#555">Title</td><td style="padding:4px 0"><strong>{{.Title}}</strong></td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">Priority</td><td style="padding:4px 0">{{if .Priority}}{{.Priority}}{{else}}not set yet{{end}}</td></tr>
</table>
<p style="color:#555;margin-bottom:4px">Summary</p>
<p style="margin-top:0;white-space:pre-wrap">{{if .Summary}}{{.Summary}}{{else}}No summary yet.{{end}}</p>
{{if .Link}}<p><a href="{{.Link}}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#fff;text-decoration:none;border-radius:6px">Open the ticket</a></p>{{end}}`,
	`Hello {{.AssigneeName}},

Ticket #{{.Number}} was assigned to you.

Title:    {{.Title}}
Priority: {{if .Priority}}{{.Priority}}{{else}}not set yet{{end}}

Summary:
{{if .Summary}}{{.Summary}}{{else}}No summary yet.{{end}}
{{if .Link}}
Open the ticket: {{.Link}}
{{end}}
— {{.AppName}}
`)

// AssignmentMessage renders the mail to a ticket's new assignee; its
// subject is exactly "[#<number>] New ticket assigned: <title>". The
// summary is the model's text: html/template escapes it like the title.
func AssignmentMessage(a Assignment) (mail.Message, error) {
	if a.AppName == "" {
		a.AppName = "Helpdesk"
	}
	return assignmentTemplate.render(a.AssigneeName, a.AssigneeEmail, assignmentView{
		Assignment: a,
		Link:       TicketLink(a.AppURL, a.TicketID),
	})
}

// TicketLink is the portal's address of a ticket: <appURL>/#/tickets/<id>
// (the portal is a single page routed by the URL fragment). It is empty
// when the app URL is not set.
func TicketLink(appURL, ticketID string) string {
	appURL = trimURL(appURL)
	if appURL == "" || ticketID == "" {
		return ""
	}
	return appURL + "/#/tickets/" + url.PathEscape(ticketID)
}

// trimURL drops the trailing slash of the app URL so that paths can be
// appended.
func trimURL(u string) string {
	return strings.TrimRight(strings.TrimSpace(u), "/")
}
