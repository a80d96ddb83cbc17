package triage

import "github.com/pocketbase/pocketbase/tools/types"

// dueDate is when a ticket created at created with the priority is due;
// zero when the priority is empty (a staff member cleared it).
func (c Config) dueDate(priority string, created types.DateTime) types.DateTime {
	d, ok := c.Due[priority]
	if !ok || created.IsZero() {
		return types.DateTime{}
	}
	return created.Add(d)
}
