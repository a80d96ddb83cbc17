package user

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
	return out
}
