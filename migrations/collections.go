package migrations

import (
	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// ticketsAndUsers finds the two collections most others relate to.
func ticketsAndUsers(app core.App) (tickets, users *core.Collection, err error) {
	if tickets, err = app.FindCollectionByNameOrId(ticket.Collection); err != nil {
		return nil, nil, err
	}
	if users, err = app.FindCollectionByNameOrId(user.Collection); err != nil {
		return nil, nil, err
	}
	return tickets, users, nil
}
