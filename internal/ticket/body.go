package ticket

import (
	"github.com/pocketbase/pocketbase/tools/types"
)

// stringFields must arrive as JSON strings: PocketBase would otherwise
// quietly turn 123 into "123" or an object into "".
var stringFields = []string{
	FieldTitle, FieldDescription, FieldStatus, FieldPriority, FieldSummary,
	FieldHelpfulNotes, FieldTriage, FieldAnalyzer, FieldCreatedBy, FieldAssignedTo, FieldDue,
}

// BodyTypeErrors checks the types of a JSON request body's ticket fields,
// as decoded from the request, and returns a message per wrongly typed
// field. The json fields are checked by Prepare.
func BodyTypeErrors(body map[string]any) map[string]string {
	out := map[string]string{}
	for _, f := range stringFields {
		v, ok := body[f]
		if !ok || v == nil {
			continue
		}
		s, isString := v.(string)
		if !isString {
			out[f] = "Must be a string."
			continue
		}
		if f == FieldDue && s != "" {
			// ParseDateTime never fails: an unreadable date comes back zero
			if d, _ := types.ParseDateTime(s); d.IsZero() {
				out[f] = "Must be a date such as 2030-01-31 12:00:00.000Z."
			}
		}
	}
	return out
}
