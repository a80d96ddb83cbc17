package user

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
)

// linkLike matches what a mail client or a reader would take for a link:
// a scheme ("https:", "mailto:"), "www.", an address ("a@b") or a dotted
// name ending in letters ("evil.example", "evil。com"); any of the dots
// browsers accept in host names counts.
var linkLike = regexp.MustCompile(`(?i)([a-z][a-z0-9+.\-]*:\S)|(www[.。．｡])|(\S@\S)|([\p{L}\p{N}\-][.。．｡](\p{L}{2,}|xn--))`)

// ValidateName checks that a display name is plain text: no control
// characters and nothing link-like. A name is shown to others and put in
// mails the helpdesk sends; an anonymous sign-up could otherwise make the
// helpdesk mail "Welcome, Your refund is ready: https://…" to anyone.
func ValidateName(name string) error {
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return errors.New("A name cannot contain line breaks or control characters.")
	}
	if linkLike.MatchString(name) {
		return errors.New("A name is plain text: no links, web or mail addresses.")
	}
	return nil
}
