package inbox

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/text"
	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// findUser is the account of address, nil when there is none.
func findUser(app core.App, address string) (*core.Record, error) {
	u, err := app.FindAuthRecordByEmail(user.Collection, address)
	if err == nil {
		return u, nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return nil, fmt.Errorf("inbox: unable to look up the account of %s: %w", address, err)
}

// createAccount opens an account for someone who wrote to the desk: role
// user, unverified, a random password nobody knows and needs_password set,
// so that the receipt mail offers to set one. The welcome mail is not
// sent to such an account: the receipt is its first mail.
func createAccount(app core.App, address, displayName string) (*core.Record, error) {
	col, err := app.FindCollectionByNameOrId(user.Collection)
	if err != nil {
		return nil, err
	}
	u := core.NewRecord(col)
	u.SetEmail(address)
	u.SetVerified(false)
	u.SetRandomPassword()
	u.Set(user.FieldName, AccountName(displayName, address))
	u.Set(user.FieldRole, user.RoleUser)
	u.Set(user.FieldSkills, []string{})
	u.Set(user.FieldNeedsPassword, true)
	if err := app.Save(u); err != nil {
		return nil, fmt.Errorf("inbox: unable to open an account for %s: %w", address, err)
	}
	return u, nil
}

// AccountName is the name of an account opened from a mail: the display
// name cleaned (no control or format characters, no quotes or angle
// brackets around it, spaces folded, at most user.NameMax characters),
// else the address's local part, with its dots and underscores as spaces
// when it reads as a link ("jane.doe"), else FallbackName. Every
// candidate must be a valid name (user.ValidateName: plain text, no
// link or address).
func AccountName(displayName, address string) string {
	local, _, _ := strings.Cut(address, "@")
	spaced := strings.NewReplacer(".", " ", "_", " ", "+", " ").Replace(local)
	for _, c := range []string{displayName, local, spaced} {
		n := cleanName(c)
		if utf8.RuneCountInString(n) >= user.NameMin && user.ValidateName(n) == nil {
			return n
		}
	}
	return FallbackName
}

// FallbackName names an account whose mail gave nothing usable.
const FallbackName = "Mail sender"

func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '<', r == '>':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, ` "'`)
	return strings.TrimSpace(text.Truncate(s, user.NameMax))
}

// mayComment reports whether the account may comment on the ticket by
// mail, as the comments' create rule lets it by the API: the ticket's
// creator, its assignee, or an admin.
func mayComment(u *core.Record, t *core.Record) bool {
	switch {
	case t.GetString(ticket.FieldCreatedBy) == u.Id:
		return true
	case u.GetString(user.FieldRole) == user.RoleAdmin:
		return true
	case u.GetString(user.FieldRole) == user.RoleModerator && t.GetString(ticket.FieldAssignedTo) == u.Id:
		return true
	}
	return false
}
