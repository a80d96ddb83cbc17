package inbox

import (
	"regexp"
	"strings"
)

// A line that starts the quoted history of a reply, in the forms the
// common mail clients write (English, French, German, Spanish, Italian,
// Dutch, Portuguese).
var (
	attributionStart = regexp.MustCompile(`^(On|Le|Am|El|Il|Op|Em)\s.+`)
	attributionEnd   = regexp.MustCompile(`(wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu)\s*:\s*$`)
	originalMessage  = regexp.MustCompile(`(?i)^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht)\s*-{2,}$`)
	outlookFrom      = regexp.MustCompile(`^\*?(From|De|Von|Van|Da)\s*:\*?\s.+`)
	outlookDate      = regexp.MustCompile(`^\*?(Sent|Date|Envoyé|Gesendet|Enviado|Inviato|Verzonden|Datum)\s*:\*?\s.+`)
	underscores      = regexp.MustCompile(`^_{8,}$`)
	mobileSignature  = regexp.MustCompile(`(?i)^(sent from my .+|get outlook for (ios|android).*|sent from (mail|outlook) for .+)$`)
)

// StripReply takes from a reply's text what its author wrote: it cuts the
// quoted history (from "On ... wrote:", "-----Original Message-----" or
// Outlook's "From: ... Sent: ..." block on), the signature (from the
// "-- " separator on), a trailing block of "> " lines and a "Sent from my
// phone" line.
func StripReply(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cut := len(lines)
	for i := 0; i < len(lines) && i < cut; i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case lines[i] == "-- " || l == "--":
			cut = i
		case originalMessage.MatchString(l):
			cut = i
		case attributionStart.MatchString(l) && (attributionEnd.MatchString(l) ||
			(i+1 < len(lines) && attributionEnd.MatchString(strings.TrimSpace(lines[i+1])))):
			cut = i
		case (outlookFrom.MatchString(l) || underscores.MatchString(l)) && outlookHeaderFollows(lines[i+1:]):
			cut = i
		}
	}
	lines = lines[:cut]
	// trailing quoted lines, blanks and a mobile signature
	for len(lines) > 0 {
		l := strings.TrimSpace(lines[len(lines)-1])
		if l == "" || strings.HasPrefix(l, ">") || mobileSignature.MatchString(l) {
			lines = lines[:len(lines)-1]
			continue
		}
		break
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// outlookHeaderFollows reports whether one of the next few lines is the
// Sent/Date line of a quoted Outlook header.
func outlookHeaderFollows(next []string) bool {
	for i := 0; i < len(next) && i < 4; i++ {
		if outlookDate.MatchString(strings.TrimSpace(next[i])) {
			return true
		}
	}
	return false
}
