package notify

import (
	htmltemplate "html/template"

	"helpdesk/internal/mail"
)

// The mails of a ticket's conversation: the receipt to the requester, a
// reply to the other side, and the requester's notice that it is done.
// Their subjects start with "[#<number>] "; what people wrote (the
// description, a reply) is Markdown, sanitized HTML in the HTML part and
// the source in the text part.

// Ticket names the ticket a mail is about.
type Ticket struct {
	AppName string
	AppURL  string
	ID      string
	Number  int
	Title   string
}

// Link is the ticket's address in the portal ("" without an app URL).
func (t Ticket) Link() string { return TicketLink(t.AppURL, t.ID) }

func (t Ticket) withDefaults() Ticket {
	if t.AppName == "" {
		t.AppName = "Helpdesk"
	}
	return t
}

// button is the one call to action of a mail.
const button = `style="display:inline-block;padding:10px 18px;background:#2563eb;color:#fff;text-decoration:none;border-radius:6px"`

// quote frames what someone wrote.
const quote = `style="margin:12px 0;padding:4px 14px;border-left:3px solid #cbd5e1;color:#222"`

// ---------------------------------------------------------------------------

// Receipt is what the requester is told when their ticket is created.
type Receipt struct {
	Ticket
	RequesterName  string
	RequesterEmail string
	// Description is the ticket's description (Markdown).
	Description string
	// PasswordLink, when set, lets an account the desk made from an email
	// set its password.
	PasswordLink string
}

type receiptView struct {
	Receipt
	DescriptionHTML htmltemplate.HTML
}

var receiptTemplate = newMailTemplate(
	`[#{{.Number}}] We received your ticket: {{.Title}}`,
	`<h1 style="font-size:20px">We received your ticket #{{.Number}}</h1>
<p>Hello {{.RequesterName}},</p>
<p>Thank you for writing to us. Your ticket <strong>#{{.Number}} {{.Title}}</strong> is in our queue: we read it, sort it and hand it to the right person, and you will get a mail when someone answers.</p>
{{if .Description}}<div `+quote+`>{{.DescriptionHTML}}</div>{{end}}
{{if .Link}}<p><a href="{{.Link}}" `+button+`>Open ticket #{{.Number}}</a></p>{{end}}
{{if .PasswordLink}}<p>To follow your tickets in the portal, <a href="{{.PasswordLink}}">set a password for {{.RequesterEmail}}</a>. The link works once; you can ask for a new one from the portal's sign-in page at any time.</p>{{end}}`,
	`Hello {{.RequesterName}},

Thank you for writing to us. Your ticket #{{.Number}} "{{.Title}}" is in our queue: we read it, sort it and hand it to the right person, and you will get a mail when someone answers.
{{if .Description}}
{{.Description}}
{{end}}{{if .Link}}
Open ticket #{{.Number}}: {{.Link}}
{{end}}{{if .PasswordLink}}
To follow your tickets in the portal, set a password for {{.RequesterEmail}}:
{{.PasswordLink}}
The link works once; you can ask for a new one from the portal's sign-in page at any time.
{{end}}
— {{.AppName}}
`)

// ReceiptMessage renders the receipt: "[#N] We received your ticket: <title>".
func ReceiptMessage(r Receipt) (mail.Message, error) {
	r.Ticket = r.withDefaults()
	return receiptTemplate.render(r.RequesterName, r.RequesterEmail, receiptView{Receipt: r, DescriptionHTML: Markdown(r.Description)})
}

// ---------------------------------------------------------------------------

// Reply is a public reply on a ticket, mailed to the other side: a staff
// reply to the requester, a requester's reply to the assignee.
type Reply struct {
	Ticket
	ToName     string
	ToEmail    string
	AuthorName string
	// Body is the reply (Markdown).
	Body string
	// Attachments is how many files came with the reply.
	Attachments int
	// FromRequester says the requester wrote it (the mail goes to the
	// assignee).
	FromRequester bool
	// ReplyByMail says a support mailbox takes answers to the mail.
	ReplyByMail bool
}

type replyView struct {
	Reply
	BodyHTML htmltemplate.HTML
}

var replyTemplate = newMailTemplate(
	`[#{{.Number}}] New reply: {{.Title}}`,
	`<p>Hello {{.ToName}},</p>
<p>{{if .FromRequester}}{{.AuthorName}}, who opened ticket <strong>#{{.Number}} {{.Title}}</strong>, replied:{{else}}{{.AuthorName}} replied to your ticket <strong>#{{.Number}} {{.Title}}</strong>:{{end}}</p>
<div `+quote+`>{{.BodyHTML}}</div>
{{if .Attachments}}<p style="color:#555">{{.Attachments}} attached file(s): open the ticket to see them.</p>{{end}}
{{if .Link}}<p><a href="{{.Link}}" `+button+`>Open ticket #{{.Number}}</a></p>{{end}}
{{if .ReplyByMail}}<p style="color:#555">You can also answer by replying to this mail.</p>{{end}}`,
	`Hello {{.ToName}},

{{if .FromRequester}}{{.AuthorName}}, who opened ticket #{{.Number}} "{{.Title}}", replied:{{else}}{{.AuthorName}} replied to your ticket #{{.Number}} "{{.Title}}":{{end}}

{{.Body}}
{{if .Attachments}}
{{.Attachments}} attached file(s): open the ticket to see them.
{{end}}{{if .Link}}
Open ticket #{{.Number}}: {{.Link}}
{{end}}{{if .ReplyByMail}}
You can also answer by replying to this mail.
{{end}}
— {{.AppName}}
`)

// ReplyMessage renders a reply: "[#N] New reply: <title>".
func ReplyMessage(r Reply) (mail.Message, error) {
	r.Ticket = r.withDefaults()
	if r.AuthorName == "" {
		r.AuthorName = "Someone"
	}
	return replyTemplate.render(r.ToName, r.ToEmail, replyView{Reply: r, BodyHTML: Markdown(r.Body)})
}

// ---------------------------------------------------------------------------

// Resolved tells the requester their ticket is done.
type Resolved struct {
	Ticket
	RequesterName  string
	RequesterEmail string
	ReplyByMail    bool
}

var resolvedTemplate = newMailTemplate(
	`[#{{.Number}}] Resolved: {{.Title}}`,
	`<h1 style="font-size:20px">Ticket #{{.Number}} is resolved</h1>
<p>Hello {{.RequesterName}},</p>
<p>Your ticket <strong>#{{.Number}} {{.Title}}</strong> was marked as resolved. If the problem is not solved, reply on the ticket{{if .ReplyByMail}} or to this mail{{end}} and it opens again.</p>
{{if .Link}}<p><a href="{{.Link}}" `+button+`>Open ticket #{{.Number}}</a></p>{{end}}`,
	`Hello {{.RequesterName}},

Your ticket #{{.Number}} "{{.Title}}" was marked as resolved. If the problem is not solved, reply on the ticket{{if .ReplyByMail}} or to this mail{{end}} and it opens again.
{{if .Link}}
Open ticket #{{.Number}}: {{.Link}}
{{end}}
— {{.AppName}}
`)

// ResolvedMessage renders the notice: "[#N] Resolved: <title>".
func ResolvedMessage(r Resolved) (mail.Message, error) {
	r.Ticket = r.withDefaults()
	return resolvedTemplate.render(r.RequesterName, r.RequesterEmail, r)
}
