package inbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decodes ISO-8859-*, Windows-125x, ... to UTF-8
	"github.com/emersion/go-message/mail"
	"golang.org/x/text/encoding/charmap"

	"helpdesk/internal/text"
)

// Message is what the desk reads from one mail.
type Message struct {
	// MessageID is the Message-ID without its angle brackets; a mail
	// without one gets "sha256.<hash of the raw mail>@inbox", the same on
	// every reading.
	MessageID string
	// From is the sender's address, lower case; FromName the display name.
	From     string
	FromName string
	Subject  string
	// References are the ids of In-Reply-To and References, in that order.
	References []string
	// Text is the text part, or the HTML part turned into text; HTML is
	// set in the second case.
	Text string
	HTML bool
	// Attachments are the parts that are not the message's text.
	Attachments []Attachment
	// Header is the top-level header, for screening.
	Header mail.Header
}

// Attachment is one attached file.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

var msgIDPattern = regexp.MustCompile(`<([^<>\s]+)>`)

// ParseHeader reads the top-level header of a raw mail (the body may be
// missing, as for a refused message of which only the header is read).
func ParseHeader(raw []byte) (*Message, error) {
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil {
		return nil, fmt.Errorf("inbox: unreadable header: %w", err)
	}
	h := mail.Header{Header: e.Header}
	m := &Message{Header: h}

	m.MessageID, _ = h.MessageID()
	if m.MessageID == "" {
		if ids := msgIDPattern.FindStringSubmatch(h.Get("Message-Id")); ids != nil {
			m.MessageID = ids[1]
		} else if v := strings.TrimSpace(h.Get("Message-Id")); v != "" && !strings.ContainsAny(v, " \t") {
			m.MessageID = v
		}
	}
	if m.MessageID == "" {
		sum := sha256.Sum256(raw)
		m.MessageID = "sha256." + hex.EncodeToString(sum[:16]) + "@inbox"
	}
	m.MessageID = text.Truncate(m.MessageID, MessageIDMax)

	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		m.From = strings.ToLower(from[0].Address)
		m.FromName = from[0].Name
	} else if a := lenientAddress(h.Get("From")); a != "" {
		m.From = strings.ToLower(a)
	}
	subject, err := h.Subject()
	if err != nil {
		subject = h.Get("Subject")
	}
	m.Subject = cleanLine(headerText(subject))
	m.FromName = headerText(m.FromName)

	for _, key := range []string{"In-Reply-To", "References"} {
		for _, id := range msgIDPattern.FindAllStringSubmatch(h.Get(key), -1) {
			m.References = append(m.References, id[1])
		}
	}
	return m, nil
}

var addrPattern = regexp.MustCompile(`[^\s<>"(),;:]+@[^\s<>"(),;:]+`)

// lenientAddress finds an address in a From header net/mail refuses (a
// display name with unquoted specials, ...).
func lenientAddress(v string) string {
	return addrPattern.FindString(v)
}

// Parse reads a whole raw mail: its header and its text and attachments.
func Parse(raw []byte) (*Message, error) {
	m, err := ParseHeader(raw)
	if err != nil {
		return nil, err
	}
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if r == nil {
		return nil, fmt.Errorf("inbox: unreadable mail: %w", err)
	}
	var texts, htmls []string
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if p == nil {
			// a broken part structure: keep what was read
			break
		}
		body, readErr := io.ReadAll(p.Body)
		if readErr != nil && len(body) == 0 {
			continue
		}
		ct, params, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if ct == "" {
			ct = "text/plain"
		}
		switch p.Header.(type) {
		case *mail.InlineHeader:
			switch ct {
			case "text/plain":
				texts = append(texts, decodedText(body, params["charset"], err))
				continue
			case "text/html":
				htmls = append(htmls, decodedText(body, params["charset"], err))
				continue
			}
			m.Attachments = append(m.Attachments, attachment(p.Header, ct, body, len(m.Attachments)))
		case *mail.AttachmentHeader:
			m.Attachments = append(m.Attachments, attachment(p.Header, ct, body, len(m.Attachments)))
		}
	}
	if t := strings.TrimSpace(strings.Join(texts, "\n\n")); t != "" {
		m.Text = t
	} else if len(htmls) > 0 {
		m.Text = HTMLToText(strings.Join(htmls, "\n"))
		m.HTML = true
	}
	m.Text = cleanText(m.Text)
	return m, nil
}

// decodedText is a text part as valid UTF-8. go-message has converted a
// declared, known charset already; an undeclared one that is not UTF-8
// is read as Windows-1252 (the common case), an unknown one loses its
// invalid bytes.
func decodedText(body []byte, charset string, partErr error) string {
	if utf8.Valid(body) {
		return string(body)
	}
	if charset == "" || message.IsUnknownCharset(partErr) {
		if s, err := charmap.Windows1252.NewDecoder().Bytes(body); err == nil {
			return string(s)
		}
	}
	return strings.ToValidUTF8(string(body), "\uFFFD")
}

func attachment(h mail.PartHeader, ct string, body []byte, index int) Attachment {
	var name string
	if ah, ok := h.(*mail.AttachmentHeader); ok {
		name, _ = ah.Filename()
	} else {
		_, params, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
		name = params["filename"]
		if name == "" {
			_, params, _ = mime.ParseMediaType(h.Get("Content-Type"))
			name = params["name"]
		}
		if dec, err := new(mime.WordDecoder).DecodeHeader(name); err == nil {
			name = dec
		}
	}
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, `\`, "/")))
	if name == "" || name == "." || name == "/" {
		ext := ".bin"
		if exts, _ := mime.ExtensionsByType(ct); len(exts) > 0 {
			ext = exts[0]
		}
		if ct == "message/rfc822" {
			ext = ".eml"
		}
		name = fmt.Sprintf("attachment-%d%s", index+1, ext)
	}
	return Attachment{Name: name, ContentType: ct, Data: body}
}

// headerText reads raw 8-bit header bytes that are not UTF-8 as
// Windows-1252, as mail clients do.
func headerText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if d, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
		return d
	}
	return strings.ToValidUTF8(s, "")
}

// cleanLine makes a header value one clean line: no control characters,
// runs of space folded.
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return strings.Join(strings.Fields(s), " ")
}

// cleanText normalises line ends and drops control characters but tabs
// and new lines.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
