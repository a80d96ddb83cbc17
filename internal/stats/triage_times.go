package stats

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// TriageTimesTable holds when each ticket first reached triage = done
// (created by the migrations).
const TriageTimesTable = "helpdesk_triage_times"

// RecordTriaged notes that a ticket created at created reached
// triage = done at triaged. Only the first time counts: a ticket queued
// again later keeps its first latency.
func RecordTriaged(app core.App, ticketID string, created, triaged time.Time) error {
	c, _ := types.ParseDateTime(created)
	d, _ := types.ParseDateTime(triaged)
	_, err := app.NonconcurrentDB().NewQuery(
		"INSERT OR IGNORE INTO " + TriageTimesTable + " (ticket, created, triaged, seconds) VALUES ({:ticket}, {:created}, {:triaged}, {:seconds})",
	).Bind(dbx.Params{
		"ticket":  ticketID,
		"created": c.String(),
		"triaged": d.String(),
		"seconds": max(triaged.Sub(created).Seconds(), 0),
	}).Execute()
	return err
}

// ForgetTicket drops a deleted ticket's triage time.
func ForgetTicket(app core.App, ticketID string) error {
	_, err := app.NonconcurrentDB().Delete(TriageTimesTable, dbx.HashExp{"ticket": ticketID}).Execute()
	return err
}
