package history

import "github.com/pocketbase/pocketbase/core"

// Who made a change and why travel on the record being saved, as custom
// data: PocketBase never stores keys that are not fields, never exports
// custom keys prefixed "@pbInternal" (even with WithCustomData), and a
// request body cannot set them (only known fields are loaded).
const (
	actorKey  = "@pbInternalHelpdeskActor"
	reasonKey = "@pbInternalHelpdeskReason"
)

// SetActor notes on r who is saving it (a users id; "" for the system).
func SetActor(r *core.Record, userID string) {
	r.Set(actorKey, userID)
}

// SetReason notes on r why the system made the change it is about to save,
// for example why the ticket goes to this assignee.
func SetReason(r *core.Record, reason string) {
	r.Set(reasonKey, reason)
}

// ActorOf is the actor noted on r.
func ActorOf(r *core.Record) string {
	s, _ := r.GetRaw(actorKey).(string)
	return s
}

// ReasonOf is the reason noted on r.
func ReasonOf(r *core.Record) string {
	s, _ := r.GetRaw(reasonKey).(string)
	return s
}
