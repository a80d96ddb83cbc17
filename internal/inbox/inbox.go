// Package inbox turns mail written to the support address into tickets
// and comments: it reads a mailbox over IMAP, decides what each message
// is (a new ticket, a reply on a ticket, noise to ignore), applies it in
// one transaction with its mail_inbox record, and only then marks the
// message seen, so that a message is never lost and never applied twice.
package inbox

// Collection is the name of the record of handled messages (superusers
// only): one row per Message-ID.
const Collection = "mail_inbox"

// Field names of the mail_inbox collection.
const (
	FieldMessageID = "message_id"
	FieldFrom      = "from"
	FieldSubject   = "subject"
	FieldOutcome   = "outcome"
	FieldTicket    = "ticket"
	FieldReason    = "reason"
	FieldReceived  = "received"
	// FieldAttempts counts the passes that failed to apply the message;
	// a failed message is retried until it reaches MaxAttempts.
	FieldAttempts = "attempts"
)

// Values of the outcome field.
const (
	OutcomeTicket  = "ticket"
	OutcomeComment = "comment"
	OutcomeIgnored = "ignored"
	OutcomeRefused = "refused"
	OutcomeFailed  = "failed"
)

// Outcomes lists the outcome values, in schema order.
var Outcomes = []string{OutcomeTicket, OutcomeComment, OutcomeIgnored, OutcomeRefused, OutcomeFailed}

// Limits of the text fields.
const (
	MessageIDMax = 998
	FromMax      = 320
	SubjectMax   = 998
	ReasonMax    = 2000
)

// MaxAttempts is how many passes may fail to apply one message before it
// is marked seen with the outcome failed.
const MaxAttempts = 3
