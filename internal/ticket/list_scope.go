package ticket

import "regexp"

var recordID = regexp.MustCompile(`^[a-zA-Z0-9_]{1,64}$`)

// ScopeListFilter returns the filter a non-admin's ticket list runs with:
// the caller's own filter AND-ed with the rows the list rule already limits
// them to (created by them or assigned to them), so the results do not
// change. Why: the rule reads the caller's role, which makes PocketBase
// join users and SQLite scan every ticket; the same condition as a filter
// lets it use the created_by and assigned_to indexes.
func ScopeListFilter(userID, filter string) string {
	if !recordID.MatchString(userID) {
		return filter
	}
	scope := `(created_by = "` + userID + `" || assigned_to = "` + userID + `")`
	if filter == "" {
		return scope
	}
	return scope + " && (" + filter + ")"
}
