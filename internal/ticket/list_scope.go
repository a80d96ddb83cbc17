package ticket

import "regexp"

var recordID = regexp.MustCompile(`^[a-zA-Z0-9_]{1,64}$`)

// ListScope returns, as a filter, the rows a non-admin's ticket list is
// limited to by the list rule (created by them or assigned to them), or ""
// for an id that cannot be quoted safely. Why: the rule reads the caller's
// role, which makes PocketBase join users and SQLite scan every ticket;
// the same condition AND-ed onto the caller's filter (query.AndFilter)
// lets it use the created_by and assigned_to indexes, with the same results.
func ListScope(userID string) string {
	if !recordID.MatchString(userID) {
		return ""
	}
	return `created_by = "` + userID + `" || assigned_to = "` + userID + `"`
}
