// Package mail is how Helpdesk sends mail: a durable outbox in the
// mail_outbox collection and a background sender speaking SMTP through
// go-mail with the settings of Dashboard → Settings → Mail. What is mailed
// to whom, and when, is package notify's business.
//
// Every mail is first written to the outbox with the app (or txApp) of the
// event that caused it, so it is committed or rolled back with that event;
// the Sender delivers it later, retrying with backoff.
package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/text"
)

// Collection is the name of the outbox collection (superusers only).
const Collection = "mail_outbox"

// Field names of the outbox collection.
const (
	FieldTo            = "to"
	FieldCc            = "cc"
	FieldBcc           = "bcc"
	FieldSubject       = "subject"
	FieldHTML          = "html"
	FieldText          = "text"
	FieldHeaders       = "headers"
	FieldStatus        = "status"
	FieldAttempts      = "attempts"
	FieldLastError     = "last_error"
	FieldSentAt        = "sent_at"
	FieldNextAttemptAt = "next_attempt_at"
	FieldClaimedAt     = "claimed_at"
)

// Values of the status field.
const (
	StatusQueued = "queued"
	StatusSent   = "sent"
	StatusFailed = "failed"
)

// Statuses lists the status values in schema order.
var Statuses = []string{StatusQueued, StatusSent, StatusFailed}

// Limits of the outbox's text fields.
const (
	AddressListMax = 4000
	SubjectMax     = 998 // RFC 5322 line limit
	BodyMax        = 1 << 20
	LastErrorMax   = 2000
)

// Message is one mail to queue. To, Cc and Bcc are RFC 5322 address lists
// (`"Jane Doe" <jane@example.com>, bob@example.com`). The sender is not
// part of it: it is taken from the settings when the mail is sent.
type Message struct {
	To      string
	Cc      string
	Bcc     string
	Subject string
	HTML    string
	Text    string
	// Headers are extra headers. Message-ID, In-Reply-To and References
	// (message ids in angle brackets) and Reply-To (an address list) are
	// checked; a given Message-ID replaces the one the sender makes.
	// Headers the transport writes itself (From, To, Subject, Date,
	// Content-Type, ...) are ignored.
	Headers map[string]string
}

// Header names the transport treats specially.
const (
	HeaderMessageID     = "Message-ID"
	HeaderInReplyTo     = "In-Reply-To"
	HeaderReferences    = "References"
	HeaderReplyTo       = "Reply-To"
	HeaderAutoSubmitted = "Auto-Submitted"
)

// reservedHeaders are written by the transport from the message's own
// fields and the settings; a header of the same name is ignored.
var reservedHeaders = []string{"From", "Sender", "To", "Cc", "Bcc", "Subject", "Date",
	"MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Return-Path"}

// messageIDList matches one or more message ids, "<left@right>", separated
// by spaces (the form of RFC 5322's msg-id without comments or folding).
var messageIDList = regexp.MustCompile(`^<[^<>@\s]+@[^<>@\s]+>(?: <[^<>@\s]+@[^<>@\s]+>)*$`)

// header returns the value of the named header, whatever the case of its
// key.
func (m Message) header(name string) (string, bool) {
	for k, v := range m.Headers {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// validateHeaders checks the headers the transport interprets.
func (m Message) validateHeaders() error {
	for k, v := range m.Headers {
		switch {
		case k == "" || strings.ContainsAny(k, ": \t\r\n"):
			return fmt.Errorf("mail: invalid header name %q", k)
		case strings.EqualFold(k, HeaderMessageID):
			if !messageIDList.MatchString(v) || strings.Contains(v, " ") {
				return fmt.Errorf("mail: invalid Message-ID %q", v)
			}
		case strings.EqualFold(k, HeaderInReplyTo), strings.EqualFold(k, HeaderReferences):
			if !messageIDList.MatchString(v) {
				return fmt.Errorf("mail: invalid %s %q", k, v)
			}
		case strings.EqualFold(k, HeaderReplyTo):
			if _, err := mail.ParseAddressList(v); err != nil {
				return fmt.Errorf("mail: invalid Reply-To %q: %w", v, err)
			}
		}
	}
	return nil
}

// Validate reports what makes the message unsendable.
func (m Message) Validate() error {
	if strings.TrimSpace(m.To) == "" {
		return errors.New("mail: a message needs a recipient")
	}
	for name, list := range map[string]string{"to": m.To, "cc": m.Cc, "bcc": m.Bcc} {
		if strings.TrimSpace(list) == "" {
			continue
		}
		if _, err := mail.ParseAddressList(list); err != nil {
			return fmt.Errorf("mail: invalid %s address list %q: %w", name, list, err)
		}
	}
	if strings.TrimSpace(m.Subject) == "" {
		return errors.New("mail: a message needs a subject")
	}
	if m.HTML == "" && m.Text == "" {
		return errors.New("mail: a message needs a body")
	}
	return m.validateHeaders()
}

// Enqueue writes msg to the outbox as a queued mail, due now. Pass the
// app of the event that causes the mail (a txApp inside a transaction) so
// that the mail is committed or rolled back with it.
func Enqueue(app core.App, msg Message) (*core.Record, error) {
	if err := msg.Validate(); err != nil {
		return nil, err
	}
	col, err := app.FindCachedCollectionByNameOrId(Collection)
	if err != nil {
		return nil, fmt.Errorf("mail: unable to find the outbox: %w", err)
	}
	if msg.Text == "" {
		msg.Text = htmlToText(msg.HTML)
	}
	r := core.NewRecord(col)
	r.Set(FieldTo, msg.To)
	r.Set(FieldCc, msg.Cc)
	r.Set(FieldBcc, msg.Bcc)
	r.Set(FieldSubject, msg.Subject)
	r.Set(FieldHTML, msg.HTML)
	r.Set(FieldText, msg.Text)
	if len(msg.Headers) > 0 {
		r.Set(FieldHeaders, msg.Headers)
	}
	r.Set(FieldStatus, StatusQueued)
	r.Set(FieldAttempts, 0)
	r.Set(FieldNextAttemptAt, types.NowDateTime())
	if err := app.Save(r); err != nil {
		return nil, fmt.Errorf("mail: unable to queue %q to %s: %w", msg.Subject, msg.To, err)
	}
	return r, nil
}

// messageOf reads a Message back from an outbox record.
func messageOf(r *core.Record) Message {
	var headers map[string]string
	_ = r.UnmarshalJSONField(FieldHeaders, &headers)
	return Message{
		To:      r.GetString(FieldTo),
		Cc:      r.GetString(FieldCc),
		Bcc:     r.GetString(FieldBcc),
		Subject: r.GetString(FieldSubject),
		HTML:    r.GetString(FieldHTML),
		Text:    r.GetString(FieldText),
		Headers: headers,
	}
}

// OneLine keeps user text that ends up in a header (a subject, a name) on
// one line and free of characters that would disguise it: line breaks and
// tabs become spaces, other control characters and the bidirectional
// overrides and isolates (which can make "gpj.exe" read as "exe.jpg") are
// dropped.
func OneLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ReplaceAll(text.WithoutBidiControls(s), "\r\n", "\n") {
		switch {
		case r == '\r' || r == '\n' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == utf8.RuneError:
		case r == '\u200e' || r == '\u200f' || r == '\u061c':
			// the direction marks too: a header is no place for them
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}
