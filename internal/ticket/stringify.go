package ticket

import (
	"encoding/json"
	"fmt"
)

// stringify gives a comparable text form of a field value (json values
// compare by their encoding, other values by their printed form).
func stringify(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case fmt.Stringer:
		// an unset json field prints as "null" or "": both mean empty
		if s := x.String(); s != "null" {
			return s
		}
		return ""
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
}
