package inbox

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"

	"helpdesk/internal/comment"
	"helpdesk/internal/mail"
	"helpdesk/internal/text"
	"helpdesk/internal/ticket"
)

// Result is what became of one message.
type Result struct {
	MessageID string
	From      string
	Subject   string
	Outcome   string
	// TicketID and Number name the ticket opened or commented on.
	TicketID string
	Number   int
	Reason   string
	// Repeat is set when an earlier pass handled the message already (it
	// crashed between the commit and the \Seen flag): nothing was applied
	// again.
	Repeat bool
	// Retry is set when applying failed and the message stays unseen for
	// another pass.
	Retry bool
}

// String is the one-line account `helpdesk mail fetch` prints.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s from %s %q: %s", r.MessageID, orNone(r.From), r.Subject, r.Outcome)
	if r.Number > 0 {
		fmt.Fprintf(&b, " #%d", r.Number)
	}
	if r.Repeat {
		b.WriteString(" (handled before; not applied again)")
	}
	if r.Reason != "" {
		b.WriteString(" — " + r.Reason)
	}
	if r.Retry {
		b.WriteString(" (left unread; tried again on the next pass)")
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(no sender)"
	}
	return s
}

// Handler applies messages to the database: a ticket, a comment or a
// record of why not, with its mail_inbox row, in one transaction.
type Handler struct {
	app core.App
	cfg Config
}

// NewHandler returns a Handler for app with cfg's limits.
func NewHandler(app core.App, cfg Config) *Handler {
	return &Handler{app: app, cfg: cfg.withDefaults()}
}

// ownAddresses are the desk's addresses: mail from them is a loop.
func (h *Handler) ownAddresses() []string {
	own := []string{strings.ToLower(h.cfg.SupportAddress)}
	if s := mail.CurrentSettings(h.app); s.Meta.SenderAddress != "" {
		own = append(own, strings.ToLower(s.Meta.SenderAddress))
	}
	return own
}

func (h *Handler) host() string {
	return DeskHost(mail.CurrentSettings(h.app).Meta.AppURL)
}

// Refuse records a message over the size limit, of which only the header
// was read.
func (h *Handler) Refuse(header []byte, size int64, received time.Time) Result {
	m, err := ParseHeader(header)
	if err != nil {
		m = &Message{MessageID: hashID(header)}
	}
	reason := fmt.Sprintf("too large: %d bytes, the limit is %d (IMAP_MAX_SIZE)", size, h.cfg.MaxSize)
	return h.settle(m, received, func(txApp core.App) (outcome, ticketID, why string, err error) {
		return OutcomeRefused, "", reason, nil
	})
}

// Handle applies one whole raw message.
func (h *Handler) Handle(raw []byte, received time.Time) Result {
	m, err := Parse(raw)
	if err != nil {
		m = &Message{MessageID: hashID(raw)}
		return h.settle(m, received, func(core.App) (string, string, string, error) {
			return OutcomeFailed, "", "unreadable mail: " + err.Error(), nil
		})
	}
	if why := Screen(m, h.ownAddresses(), h.host()); why != "" {
		return h.settle(m, received, func(core.App) (string, string, string, error) {
			return OutcomeIgnored, "", why, nil
		})
	}
	return h.settle(m, received, func(txApp core.App) (string, string, string, error) {
		return h.apply(txApp, m, received)
	})
}

func hashID(raw []byte) string {
	m, _ := ParseHeader(raw)
	if m != nil {
		return m.MessageID
	}
	return "unreadable@inbox"
}

// settle runs decide and writes the message's mail_inbox row in one
// transaction, unless the row says the message was handled already. A
// failed transaction is recorded as failed and retried by later passes
// until MaxAttempts; a refusal by validation is not retried.
func (h *Handler) settle(m *Message, received time.Time, decide func(txApp core.App) (outcome, ticketID, reason string, err error)) Result {
	res := Result{MessageID: m.MessageID, From: m.From, Subject: m.Subject}
	if received.IsZero() {
		received = time.Now()
	}
	prior, err := h.row(h.app, m.MessageID)
	if err != nil {
		res.Outcome, res.Reason, res.Retry = OutcomeFailed, err.Error(), true
		return res
	}
	if prior != nil && prior.GetString(FieldOutcome) != OutcomeFailed {
		return h.repeat(res, prior)
	}

	err = h.app.RunInTransaction(func(txApp core.App) error {
		// read again inside the transaction: another process (the server
		// and `helpdesk mail fetch`) may have handled it meanwhile
		row, err := h.row(txApp, m.MessageID)
		if err != nil {
			return err
		}
		if row != nil && row.GetString(FieldOutcome) != OutcomeFailed {
			return errHandled
		}
		outcome, ticketID, reason, err := decide(txApp)
		if err != nil {
			return err
		}
		row, err = h.writeRow(txApp, row, m, received, outcome, ticketID, reason)
		if err != nil {
			return err
		}
		res.Outcome, res.TicketID, res.Reason = outcome, ticketID, reason
		return nil
	})
	switch {
	case err == nil:
		res.Number = h.number(res.TicketID)
		return res
	case errors.Is(err, errHandled) || isUniqueViolation(err):
		if row, rerr := h.row(h.app, m.MessageID); rerr == nil && row != nil {
			return h.repeat(res, row)
		}
	}
	return h.fail(res, prior, m, received, err)
}

var errHandled = errors.New("inbox: handled by another pass")

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func (h *Handler) repeat(res Result, row *core.Record) Result {
	res.Repeat = true
	res.Outcome = row.GetString(FieldOutcome)
	res.TicketID = row.GetString(FieldTicket)
	res.Reason = row.GetString(FieldReason)
	res.Number = h.number(res.TicketID)
	return res
}

// fail records a failed attempt outside the rolled-back transaction. When
// even that write fails (the database is down), the message stays unseen
// and the next pass tries it as new.
func (h *Handler) fail(res Result, prior *core.Record, m *Message, received time.Time, cause error) Result {
	res.Outcome = OutcomeFailed
	res.Reason = text.Truncate(cause.Error(), ReasonMax)
	var verrs validation.Errors
	permanent := errors.As(cause, &verrs)
	attempts := 1
	if prior != nil {
		attempts = prior.GetInt(FieldAttempts) + 1
	}
	res.Retry = !permanent && attempts < MaxAttempts
	row, err := h.writeRow(h.app, prior, m, received, OutcomeFailed, "", res.Reason)
	if err != nil {
		res.Retry = true
		return res
	}
	row.Set(FieldAttempts, attempts)
	if err := h.app.Save(row); err != nil {
		res.Retry = true
	}
	return res
}

func (h *Handler) row(app core.App, messageID string) (*core.Record, error) {
	r, err := app.FindFirstRecordByData(Collection, FieldMessageID, messageID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("inbox: unable to read mail_inbox: %w", err)
	}
	return r, nil
}

func (h *Handler) writeRow(app core.App, row *core.Record, m *Message, received time.Time, outcome, ticketID, reason string) (*core.Record, error) {
	if row == nil {
		col, err := app.FindCollectionByNameOrId(Collection)
		if err != nil {
			return nil, err
		}
		row = core.NewRecord(col)
	}
	row.Set(FieldMessageID, m.MessageID)
	row.Set(FieldFrom, text.Truncate(m.From, FromMax))
	row.Set(FieldSubject, text.Truncate(m.Subject, SubjectMax))
	row.Set(FieldOutcome, outcome)
	row.Set(FieldTicket, ticketID)
	row.Set(FieldReason, text.Truncate(reason, ReasonMax))
	row.Set(FieldReceived, received.UTC())
	if err := app.Save(row); err != nil {
		return nil, fmt.Errorf("inbox: unable to record the message: %w", err)
	}
	return row, nil
}

func (h *Handler) number(ticketID string) int {
	if ticketID == "" {
		return 0
	}
	t, err := h.app.FindRecordById(ticket.Collection, ticketID)
	if err != nil {
		return 0
	}
	return t.GetInt(ticket.FieldNumber)
}

// apply turns a screened message into a comment on the ticket it refers
// to, when its sender may comment there, or else into a new ticket of the
// sender's own.
func (h *Handler) apply(txApp core.App, m *Message, received time.Time) (outcome, ticketID, reason string, err error) {
	sender, err := findUser(txApp, m.From)
	if err != nil {
		return "", "", "", err
	}
	var stranger string
	if n := TicketNumber(m, h.host()); n > 0 {
		t, err := txApp.FindFirstRecordByData(ticket.Collection, ticket.FieldNumber, n)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			stranger = fmt.Sprintf("refers to ticket #%d, which does not exist", n)
		case err != nil:
			return "", "", "", fmt.Errorf("inbox: unable to read ticket #%d: %w", n, err)
		case sender != nil && mayComment(sender, t):
			why, err := h.comment(txApp, m, sender, t)
			if err != nil {
				return "", "", "", err
			}
			if why != "" {
				return OutcomeIgnored, t.Id, why, nil
			}
			return OutcomeComment, t.Id, h.attachmentNote(m), nil
		default:
			stranger = fmt.Sprintf("refers to ticket #%d, on which the sender may not comment: opened as a ticket of their own", n)
		}
	}

	since := types.NowDateTime().Add(-time.Hour)
	recent, err := txApp.CountRecords(Collection, dbx.HashExp{FieldFrom: m.From, FieldOutcome: OutcomeTicket}, dbx.NewExp("created >= {:since}", dbx.Params{"since": since.String()}))
	if err != nil {
		return "", "", "", fmt.Errorf("inbox: unable to count the sender's tickets: %w", err)
	}
	if int(recent) >= h.cfg.TicketsPerSenderPerHour {
		return OutcomeIgnored, "", fmt.Sprintf("rate limit: %d tickets from %s in the last hour (IMAP_TICKETS_PER_SENDER_PER_HOUR=%d)", recent, m.From, h.cfg.TicketsPerSenderPerHour), nil
	}
	if sender == nil {
		if sender, err = createAccount(txApp, m.From, m.FromName); err != nil {
			return "", "", "", err
		}
	}
	t, err := h.ticket(txApp, m, sender)
	if err != nil {
		return "", "", "", err
	}
	return OutcomeTicket, t.Id, joinReasons(stranger, h.attachmentNote(m)), nil
}

func joinReasons(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

func (h *Handler) ticket(txApp core.App, m *Message, creator *core.Record) (*core.Record, error) {
	col, err := txApp.FindCollectionByNameOrId(ticket.Collection)
	if err != nil {
		return nil, err
	}
	t := core.NewRecord(col)
	t.Set(ticket.FieldTitle, ticketTitle(m))
	desc := m.Text
	if desc == "" {
		desc = "(The mail had no text.)"
	}
	t.Set(ticket.FieldDescription, text.Truncate(desc, ticket.DescriptionMax))
	t.Set(ticket.FieldCreatedBy, creator.Id)
	files, err := attachmentFiles(m)
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		t.Set(ticket.FieldAttachments, files)
	}
	if err := txApp.Save(t); err != nil {
		return nil, fmt.Errorf("inbox: unable to open the ticket: %w", err)
	}
	return t, nil
}

// ticketTitle is the subject without reply prefixes and ticket tags, or
// the first line of the text when that leaves too little.
func ticketTitle(m *Message) string {
	title := TicketTitle(m.Subject)
	if len([]rune(title)) < ticket.TitleMin {
		first, _, _ := strings.Cut(strings.TrimSpace(m.Text), "\n")
		title = strings.TrimSpace(text.Truncate(first, 80))
	}
	if len([]rune(title)) < ticket.TitleMin {
		title = "(no subject)"
	}
	if len([]rune(title)) > ticket.TitleMax {
		title = text.Truncate(title, ticket.TitleMax-1) + "…"
	}
	return title
}

// comment adds the reply to the ticket; a reply with nothing of its own
// (only quoted history, no attachment) is not added, and why says so.
func (h *Handler) comment(txApp core.App, m *Message, author, t *core.Record) (why string, err error) {
	body := StripReply(m.Text)
	files, err := attachmentFiles(m)
	if err != nil {
		return "", err
	}
	if body == "" {
		if len(files) == 0 {
			return "empty reply: nothing above the quoted history", nil
		}
		body = "(Attachments sent by mail.)"
	}
	col, err := txApp.FindCollectionByNameOrId(comment.Collection)
	if err != nil {
		return "", err
	}
	c := core.NewRecord(col)
	c.Set(comment.FieldTicket, t.Id)
	c.Set(comment.FieldAuthor, author.Id)
	c.Set(comment.FieldBody, text.Truncate(body, comment.BodyMax))
	c.Set(comment.FieldInternal, false)
	c.Set(comment.FieldSource, comment.SourceEmail)
	if len(files) > 0 {
		c.Set(comment.FieldAttachments, files)
	}
	if err := txApp.Save(c); err != nil {
		return "", fmt.Errorf("inbox: unable to add the comment: %w", err)
	}
	return "", nil
}

// keptAttachments are the attachments within the ticket limits, in order,
// and a note on the others.
func keptAttachments(m *Message) (kept []Attachment, note string) {
	var dropped []string
	for _, a := range m.Attachments {
		switch {
		case len(a.Data) == 0:
			dropped = append(dropped, a.Name+" (empty)")
		case len(a.Data) > ticket.AttachmentMaxSize:
			dropped = append(dropped, fmt.Sprintf("%s (over %d MB)", a.Name, ticket.AttachmentMaxSize>>20))
		case len(kept) >= ticket.AttachmentsMax:
			dropped = append(dropped, fmt.Sprintf("%s (more than %d files)", a.Name, ticket.AttachmentsMax))
		default:
			kept = append(kept, a)
		}
	}
	if len(dropped) > 0 {
		note = "attachments dropped: " + strings.Join(dropped, ", ")
	}
	return kept, note
}

func (h *Handler) attachmentNote(m *Message) string {
	_, note := keptAttachments(m)
	return note
}

func attachmentFiles(m *Message) ([]*filesystem.File, error) {
	kept, _ := keptAttachments(m)
	files := make([]*filesystem.File, 0, len(kept))
	for _, a := range kept {
		f, err := filesystem.NewFileFromBytes(a.Data, a.Name)
		if err != nil {
			return nil, fmt.Errorf("inbox: attachment %s: %w", a.Name, err)
		}
		files = append(files, f)
	}
	return files, nil
}
