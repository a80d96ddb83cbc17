package inbox

import (
	"strings"
)

// Screen gives the reason to ignore a message that no person wrote to
// the desk, "" for one to handle: an auto-reply (Auto-Submitted other
// than "no", X-Autoreply, Precedence bulk, junk or list), a bounce (null
// sender, MAILER-DAEMON, multipart/report) or the desk's own mail (from
// one of ownAddresses, or carrying a Message-ID the desk made) which
// would start a loop.
func Screen(m *Message, ownAddresses []string, host string) string {
	h := m.Header
	for _, own := range ownAddresses {
		if own != "" && strings.EqualFold(m.From, own) {
			return "loop: mail from the desk's own address " + own
		}
	}
	if IsDeskMessageID(m.MessageID, host) {
		return "loop: a mail the desk sent (Message-ID " + m.MessageID + ")"
	}
	if rp := strings.TrimSpace(h.Get("Return-Path")); rp == "<>" || (h.Has("Return-Path") && rp == "") {
		return "bounce: null sender (Return-Path <>)"
	}
	if m.From == "" {
		return "bounce: no sender address"
	}
	if local, _, _ := strings.Cut(m.From, "@"); strings.EqualFold(local, "mailer-daemon") {
		return "bounce: from " + m.From
	}
	if ct, _, _ := h.ContentType(); ct == "multipart/report" {
		return "bounce: a delivery or disposition report (multipart/report)"
	}
	if v := h.Get("Auto-Submitted"); v != "" {
		kind, _, _ := strings.Cut(v, ";")
		if kind = strings.ToLower(strings.TrimSpace(kind)); kind != "no" {
			return "auto-reply: Auto-Submitted: " + kind
		}
	}
	if h.Has("X-Autoreply") || h.Has("X-Autorespond") {
		return "auto-reply: X-Autoreply"
	}
	switch p := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); p {
	case "bulk", "junk", "list":
		return "auto-reply: Precedence: " + p
	}
	return ""
}
