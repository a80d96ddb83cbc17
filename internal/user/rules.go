package user

// Fragments of PocketBase API rules about the caller, built from the
// contract so that the migrations never spell a role or field by hand.
const (
	// RuleSignedIn holds for any signed-in users record. The id check
	// matters: for a guest @request.auth.id is "", which would match
	// every empty relation.
	RuleSignedIn = `@request.auth.id != "" && @request.auth.collectionName = "` + Collection + `"`
	// RuleAdmin holds for admins (superusers pass every rule anyway).
	RuleAdmin = `@request.auth.` + FieldRole + ` = "` + RoleAdmin + `"`
	// RuleStaff holds for moderators and admins.
	RuleStaff = `@request.auth.` + FieldRole + ` = "` + RoleModerator + `" || ` + RuleAdmin
	// RuleSelf holds when the record is the caller's own users record.
	RuleSelf = `id = @request.auth.id`
)
