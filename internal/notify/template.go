package notify

import (
	"bytes"
	htmltemplate "html/template"
	netmail "net/mail"
	texttemplate "text/template"

	"helpdesk/internal/mail"
)

// layout wraps every HTML mail; html/template escapes all data, so what
// users wrote (names, titles, summaries) cannot inject markup.
const layout = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{template "subject" .}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px;margin:0 auto;padding:16px">
{{template "body" .}}
<p style="color:#777;font-size:13px;margin-top:32px">— {{.AppName}}</p>
</body></html>`

// mailTemplate is one mail: a subject, an HTML body and its plain-text
// alternative, all rendered from the same data.
type mailTemplate struct {
	subject *texttemplate.Template
	html    *htmltemplate.Template
	text    *texttemplate.Template
}

func newMailTemplate(subject, htmlBody, textBody string) mailTemplate {
	h := htmltemplate.Must(htmltemplate.New("layout").Parse(layout))
	htmltemplate.Must(h.New("subject").Parse(subject))
	htmltemplate.Must(h.New("body").Parse(htmlBody))
	return mailTemplate{
		subject: texttemplate.Must(texttemplate.New("subject").Parse(subject)),
		html:    h,
		text:    texttemplate.Must(texttemplate.New("text").Parse(textBody)),
	}
}

// render builds the message to the named address.
func (t mailTemplate) render(toName, toAddress string, data any) (mail.Message, error) {
	var subject, html, text bytes.Buffer
	if err := t.subject.Execute(&subject, data); err != nil {
		return mail.Message{}, err
	}
	if err := t.html.ExecuteTemplate(&html, "layout", data); err != nil {
		return mail.Message{}, err
	}
	if err := t.text.Execute(&text, data); err != nil {
		return mail.Message{}, err
	}
	to := netmail.Address{Name: mail.OneLine(toName), Address: toAddress}
	return mail.Message{
		To:      to.String(),
		Subject: mail.OneLine(subject.String()),
		HTML:    html.String(),
		Text:    text.String(),
	}, nil
}
