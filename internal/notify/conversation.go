package notify

import (
	"fmt"
	"net/url"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"helpdesk/internal/comment"
	"helpdesk/internal/ticket"
	usr "helpdesk/internal/user"
)

// QueueReceipt queues "We received your ticket" to the creator of a new
// ticket, even though creating it was their own doing. An account without
// a password yet (made from an email) gets a link to set one.
func QueueReceipt(app core.App, cfg Config, t *core.Record) error {
	to, err := recipient(app, t.GetString(ticket.FieldCreatedBy))
	if to == nil || err != nil {
		return err
	}
	s := newSender(app, cfg)
	r := Receipt{
		Ticket:         s.ticket(t),
		RequesterName:  to.GetString(usr.FieldName),
		RequesterEmail: to.Email(),
		Description:    t.GetString(ticket.FieldDescription),
	}
	if to.GetBool(usr.FieldNeedsPassword) && trimURL(s.appURL) != "" {
		token, err := passwordToken(to)
		if err != nil {
			return fmt.Errorf("notify: unable to make the set-password link of user %s: %w", to.Id, err)
		}
		r.PasswordLink = trimURL(s.appURL) + "/#/reset-password/" + url.PathEscape(token)
	}
	msg, err := ReceiptMessage(r)
	if err != nil {
		return fmt.Errorf("notify: unable to render the receipt: %w", err)
	}
	return s.queue(app, t, msg, true)
}

// PasswordLinkLifetime is how long the set-password link of a receipt
// works at least. PocketBase's password-reset tokens last 30 minutes by
// default, too short for a mail that may be read the next day; the
// collection's own duration is used when it is longer.
const PasswordLinkLifetime = 72 * time.Hour

// passwordToken is a PocketBase password-reset token for u (the claims of
// Record.NewPasswordResetToken, which confirmPasswordReset accepts) that
// lasts PasswordLinkLifetime. Setting the password changes the account's
// token key, so the link works once.
func passwordToken(u *core.Record) (string, error) {
	key := u.TokenKey() + u.Collection().PasswordResetToken.Secret
	if key == "" {
		return "", core.ErrMissingSigningKey
	}
	return security.NewJWT(jwt.MapClaims{
		core.TokenClaimType:         core.TokenTypePasswordReset,
		core.TokenClaimId:           u.Id,
		core.TokenClaimCollectionId: u.Collection().Id,
		core.TokenClaimEmail:        u.Email(),
	}, key, max(PasswordLinkLifetime, u.Collection().PasswordResetToken.DurationTime()))
}

// QueueComment queues the mail of a new comment: a public reply by staff
// goes to the requester, a reply by the requester to the assignee; an
// internal note goes to nobody, and nobody gets their own reply.
func QueueComment(app core.App, cfg Config, c *core.Record) error {
	if c.GetBool(comment.FieldInternal) {
		return nil
	}
	t, err := app.FindRecordById(ticket.Collection, c.GetString(comment.FieldTicket))
	if err != nil {
		return fmt.Errorf("notify: unable to read the ticket of comment %s: %w", c.Id, err)
	}
	author := c.GetString(comment.FieldAuthor)
	fromRequester := author == t.GetString(ticket.FieldCreatedBy)
	toID := t.GetString(ticket.FieldCreatedBy)
	if fromRequester {
		toID = t.GetString(ticket.FieldAssignedTo)
	}
	if toID == author {
		return nil
	}
	to, err := recipient(app, toID)
	if to == nil || err != nil {
		return err
	}
	authorName := ""
	if a, err := app.FindRecordById(usr.Collection, author); err == nil {
		authorName = a.GetString(usr.FieldName)
	}
	s := newSender(app, cfg)
	msg, err := ReplyMessage(Reply{
		Ticket:        s.ticket(t),
		ToName:        to.GetString(usr.FieldName),
		ToEmail:       to.Email(),
		AuthorName:    authorName,
		Body:          c.GetString(comment.FieldBody),
		Attachments:   len(c.GetStringSlice(comment.FieldAttachments)),
		FromRequester: fromRequester,
		ReplyByMail:   s.replyByMail,
	})
	if err != nil {
		return fmt.Errorf("notify: unable to render the reply mail: %w", err)
	}
	return s.queue(app, t, msg, false)
}

// QueueResolved queues the notice to the requester when the ticket
// becomes done (previousStatus: before this write), unless they set it
// done themselves (actor).
func QueueResolved(app core.App, cfg Config, t *core.Record, previousStatus, actor string) error {
	if t.GetString(ticket.FieldStatus) != ticket.StatusDone || previousStatus == ticket.StatusDone || previousStatus == "" {
		return nil
	}
	requester := t.GetString(ticket.FieldCreatedBy)
	if requester == actor {
		return nil
	}
	to, err := recipient(app, requester)
	if to == nil || err != nil {
		return err
	}
	s := newSender(app, cfg)
	msg, err := ResolvedMessage(Resolved{
		Ticket:         s.ticket(t),
		RequesterName:  to.GetString(usr.FieldName),
		RequesterEmail: to.Email(),
		ReplyByMail:    s.replyByMail,
	})
	if err != nil {
		return fmt.Errorf("notify: unable to render the resolved mail: %w", err)
	}
	return s.queue(app, t, msg, false)
}
