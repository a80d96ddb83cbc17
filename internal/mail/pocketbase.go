package mail

import (
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/tools/mailer"
)

// FromPocketBase converts a mail PocketBase wants to send (verification,
// password reset, OTP, login alert, email change) into an outbox Message.
// Its From is dropped: the sender comes from the settings at send time.
// Attachments are not carried over; dropped reports whether there were
// any.
func FromPocketBase(m *mailer.Message) (msg Message, dropped bool) {
	msg = Message{
		To:      addressList(m.To),
		Cc:      addressList(m.Cc),
		Bcc:     addressList(m.Bcc),
		Subject: m.Subject,
		HTML:    m.HTML,
		Text:    m.Text,
	}
	if len(m.Headers) > 0 {
		msg.Headers = make(map[string]string, len(m.Headers))
		for k, v := range m.Headers {
			msg.Headers[k] = v
		}
	}
	return msg, len(m.Attachments)+len(m.InlineAttachments) > 0
}

func addressList(addrs []mail.Address) string {
	list := make([]string, 0, len(addrs))
	for _, a := range addrs {
		if a.Address != "" {
			list = append(list, a.String())
		}
	}
	return strings.Join(list, ", ")
}
