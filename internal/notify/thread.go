package notify

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/tools/security"

	"helpdesk/internal/mail"
)

// Every mail about ticket N is one thread for mail clients: the receipt's
// Message-ID is the thread's root, <hd.N@host>, and each later mail has
// its own <hd.N.unique@host> and names the root in In-Reply-To and
// References. host is the app URL's host, so email in can tell a reply to
// one of our mails from any other mail that mentions "hd.N".

// DefaultThreadHost is the host of the message ids when the app URL has
// none.
const DefaultThreadHost = "helpdesk.local"

// hostChars are the characters a message id's right side may hold here
// (a dot-atom: no port, no IPv6 literal).
var hostChars = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`)

// ThreadHost is the right side of the message ids of ticket mails: the
// host of appURL, or DefaultThreadHost.
func ThreadHost(appURL string) string {
	u, err := url.Parse(strings.TrimSpace(appURL))
	if err != nil {
		return DefaultThreadHost
	}
	h := strings.ToLower(u.Hostname())
	if !hostChars.MatchString(h) {
		return DefaultThreadHost
	}
	return h
}

// ThreadRootID is the Message-ID of ticket number's receipt, which every
// later mail about the ticket refers to.
func ThreadRootID(host string, number int) string {
	return fmt.Sprintf("<hd.%d@%s>", number, host)
}

// newMessageID is a fresh Message-ID in ticket number's thread.
func newMessageID(host string, number int) string {
	return fmt.Sprintf("<hd.%d.%s@%s>", number, security.RandomStringWithAlphabet(16, "abcdefghijklmnopqrstuvwxyz0123456789"), host)
}

// threadID matches our message ids: hd.N or hd.N.unique at a host.
var threadID = regexp.MustCompile(`^<?hd\.([1-9][0-9]{0,17})(?:\.[a-z0-9]+)?@([^<>@\s]+?)>?$`)

// ThreadNumber reads the ticket number from one of our message ids
// (<hd.N@host> or <hd.N.unique@host>) when its host is host.
func ThreadNumber(messageID, host string) (int, bool) {
	m := threadID.FindStringSubmatch(strings.TrimSpace(messageID))
	if m == nil || !strings.EqualFold(m[2], host) {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// thread is where a mail about a ticket belongs.
type thread struct {
	host    string
	number  int
	replyTo string
}

// headers are the headers of a mail in the thread: the root's own id for
// the receipt, a fresh id pointing at the root for every other mail.
func (th thread) headers(root bool) map[string]string {
	h := map[string]string{
		// RFC 3834: machines answering it should not
		mail.HeaderAutoSubmitted: "auto-generated",
	}
	rootID := ThreadRootID(th.host, th.number)
	if root {
		h[mail.HeaderMessageID] = rootID
	} else {
		h[mail.HeaderMessageID] = newMessageID(th.host, th.number)
		h[mail.HeaderInReplyTo] = rootID
		h[mail.HeaderReferences] = rootID
	}
	if th.replyTo != "" {
		h[mail.HeaderReplyTo] = th.replyTo
	}
	return h
}
