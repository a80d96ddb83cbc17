// Package hooks binds PocketBase events to the helpdesk's internal packages.
// Each file binds one concern; main.go calls the Register functions.
package hooks

import "github.com/pocketbase/pocketbase/core"

// Register binds the appliance's rules: users' roles and skills, tickets'
// field permissions and the hiding of staff-only fields.
func Register(app core.App) {
	bindUsers(app)
	bindTickets(app)
	bindTicketListScope(app)
	bindStaffOnlyFields(app)
	bindSecurity(app)
	bindPresence(app)
	bindStats(app)
}
