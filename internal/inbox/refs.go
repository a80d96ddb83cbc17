package inbox

import (
	"regexp"
	"strconv"
	"strings"

	"helpdesk/internal/notify"
)

// DefaultHost is the host part of the desk's Message-IDs when the
// Application URL has none.
const DefaultHost = notify.DefaultThreadHost

// DeskHost is the host part of the Message-IDs of the desk's ticket mails
// (notify.ThreadHost): the host of the Application URL, or DefaultHost.
func DeskHost(appURL string) string {
	return notify.ThreadHost(appURL)
}

var (
	subjectNumber = regexp.MustCompile(`\[#(\d{1,9})\]`)
	replyPrefix   = regexp.MustCompile(`(?i)^\s*((re|fw|fwd|aw|wg|tr|sv|vs|antw|r|rif|ref)\s*(\[\d+\])?\s*:\s*)+`)
)

// TicketNumber is the ticket a message refers to, 0 for none: a desk
// Message-ID (hd.<number>...@host) in In-Reply-To or References, else
// the first [#<number>] of the subject. host is DeskHost; a Message-ID of
// another host is someone else's and names no ticket of ours.
func TicketNumber(m *Message, host string) int {
	for _, id := range m.References {
		if n, ok := notify.ThreadNumber(id, host); ok && n > 0 {
			return n
		}
	}
	if sm := subjectNumber.FindStringSubmatch(m.Subject); sm != nil {
		if n, err := strconv.Atoi(sm[1]); err == nil && n > 0 {
			return n
		}
	}
	return 0
}

// IsDeskMessageID reports whether id is one the desk gave one of its own
// mails (hd.<number>[.<unique>]@host).
func IsDeskMessageID(id, host string) bool {
	_, ok := notify.ThreadNumber(id, host)
	return ok
}

// TicketTitle is the title of a ticket opened by a mail with this
// subject: reply and forward prefixes and [#n] tags dropped, so that the
// desk's own tag on the new ticket's mails is the only one.
func TicketTitle(subject string) string {
	s := subjectNumber.ReplaceAllString(subject, " ")
	s = replyPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	s = strings.Join(strings.Fields(s), " ")
	s = replyPrefix.ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}
