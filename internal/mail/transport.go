package mail

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"
	gomail "github.com/wneessen/go-mail"
)

// ErrNotConfigured is returned when SMTP is not enabled in the settings.
var ErrNotConfigured = errors.New("SMTP is not configured (Dashboard → Settings → Mail)")

// Transport sends a message over SMTP with the settings an admin sets in
// Dashboard → Settings → Mail: host, port, TLS, auth method, username,
// password, local name, sender name and address.
type Transport struct {
	SMTP          core.SMTPConfig
	SenderName    string
	SenderAddress string
	// Timeout bounds the whole SMTP conversation. Default 30s.
	Timeout time.Duration
}

// TransportOf reads the app's current mail settings.
func TransportOf(app core.App, timeout time.Duration) Transport {
	s := CurrentSettings(app)
	return Transport{
		SMTP:          s.SMTP,
		SenderName:    s.Meta.SenderName,
		SenderAddress: s.Meta.SenderAddress,
		Timeout:       timeout,
	}
}

// Send delivers msg. messageID, when set, becomes the Message-ID so that
// every attempt of one outbox mail carries the same id. A mail the server
// accepted counts as sent even if the connection then fails on QUIT.
func (t Transport) Send(ctx context.Context, msg Message, messageID string) error {
	if !t.SMTP.Enabled {
		return ErrNotConfigured
	}
	m, err := t.build(msg, messageID)
	if err != nil {
		return err
	}
	client, err := t.client()
	if err != nil {
		return err
	}
	err = client.DialAndSendWithContext(ctx, m)
	if err != nil && m.IsDelivered() {
		return nil
	}
	return err
}

func (t Transport) client() (*gomail.Client, error) {
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = DefaultSendTimeout
	}
	opts := []gomail.Option{
		gomail.WithPort(t.SMTP.Port),
		gomail.WithTimeout(timeout),
	}
	// PocketBase's "TLS" switch means implicit TLS (port 465); without it
	// the connection is upgraded with STARTTLS when the server offers it,
	// as PocketBase's own client does.
	if t.SMTP.TLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if t.SMTP.LocalName != "" {
		opts = append(opts, gomail.WithHELO(t.SMTP.LocalName))
	}
	if t.SMTP.Username != "" || t.SMTP.Password != "" {
		auth := gomail.SMTPAuthPlain
		if t.SMTP.AuthMethod == pbmailer.SMTPAuthLogin {
			auth = gomail.SMTPAuthLogin
		}
		opts = append(opts,
			gomail.WithSMTPAuth(auth),
			gomail.WithUsername(t.SMTP.Username),
			gomail.WithPassword(t.SMTP.Password),
		)
	}
	c, err := gomail.NewClient(t.SMTP.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("invalid SMTP settings: %w", err)
	}
	return c, nil
}

func (t Transport) build(msg Message, messageID string) (*gomail.Msg, error) {
	if t.SenderAddress == "" {
		return nil, errors.New("no sender address (Dashboard → Settings → Mail → Sender address)")
	}
	m := gomail.NewMsg()
	if err := m.FromFormat(t.SenderName, t.SenderAddress); err != nil {
		return nil, fmt.Errorf("invalid sender %q: %w", t.SenderAddress, err)
	}
	for _, h := range []struct {
		list string
		set  func(...string) error
	}{{msg.To, m.To}, {msg.Cc, m.Cc}, {msg.Bcc, m.Bcc}} {
		if strings.TrimSpace(h.list) == "" {
			continue
		}
		addrs, err := mail.ParseAddressList(h.list)
		if err != nil {
			return nil, fmt.Errorf("invalid recipients %q: %w", h.list, err)
		}
		list := make([]string, len(addrs))
		for i, a := range addrs {
			list[i] = a.String()
		}
		if err := h.set(list...); err != nil {
			return nil, fmt.Errorf("invalid recipients %q: %w", h.list, err)
		}
	}
	m.Subject(OneLine(msg.Subject))
	m.SetDate()
	if err := setHeaders(m, msg); err != nil {
		return nil, err
	}
	// a Message-ID given in the headers (a ticket's thread) wins; else the
	// outbox's stable one, so that every attempt carries the same id
	if _, given := msg.header(HeaderMessageID); !given {
		if messageID != "" {
			domain := t.SenderAddress[strings.LastIndex(t.SenderAddress, "@")+1:]
			m.SetMessageIDWithValue(messageID + "@" + domain)
		} else {
			m.SetMessageID()
		}
	}
	switch {
	case msg.Text != "" && msg.HTML != "":
		m.SetBodyString(gomail.TypeTextPlain, msg.Text)
		m.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	case msg.HTML != "":
		m.SetBodyString(gomail.TypeTextHTML, msg.HTML)
	default:
		m.SetBodyString(gomail.TypeTextPlain, msg.Text)
	}
	return m, nil
}

// setHeaders writes msg's extra headers in a stable order: Reply-To as an
// address list, the rest as given (on one line), and none of the headers
// the transport writes itself.
func setHeaders(m *gomail.Msg, msg Message) error {
	if err := msg.validateHeaders(); err != nil {
		return err
	}
	keys := slices.Sorted(maps.Keys(msg.Headers))
	for _, k := range keys {
		v := OneLine(msg.Headers[k])
		switch {
		case slices.ContainsFunc(reservedHeaders, func(r string) bool { return strings.EqualFold(r, k) }):
		case strings.EqualFold(k, HeaderReplyTo):
			addrs, _ := mail.ParseAddressList(v)
			list := make([]string, len(addrs))
			for i, a := range addrs {
				list[i] = a.String()
			}
			if err := m.SetAddrHeader(gomail.HeaderReplyTo, list...); err != nil {
				return fmt.Errorf("invalid Reply-To %q: %w", v, err)
			}
		case strings.EqualFold(k, HeaderMessageID):
			m.SetGenHeader(gomail.HeaderMessageID, v)
		default:
			m.SetGenHeader(gomail.Header(k), v)
		}
	}
	return nil
}
