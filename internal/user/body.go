package user

import "encoding/json"

// BodyTypeErrors checks the types of a users request body's own fields and
// returns a message per wrongly typed field: PocketBase would otherwise
// quietly turn a number into text. skills is checked by Prepare.
func BodyTypeErrors(body map[string]any) map[string]string {
	out := map[string]string{}
	for _, f := range []string{FieldName, FieldRole} {
		if v, ok := body[f]; ok && v != nil {
			if _, isString := v.(string); !isString {
				out[f] = "Must be a string."
			}
		}
	}
	if v, ok := body[FieldAway]; ok && v != nil {
		if _, isBool := v.(bool); !isBool {
			out[FieldAway] = "Must be true or false."
		}
	}
	if v, ok := body[FieldMaxOpen]; ok && v != nil {
		switch v.(type) {
		case float64, float32, int, int64, json.Number:
		default:
			out[FieldMaxOpen] = "Must be a number (0 = no limit)."
		}
	}
	return out
}
