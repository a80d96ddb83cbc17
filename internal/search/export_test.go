package search

// SetOwnProbeMax sets how many tickets a caller may have for their
// search to be ticket-driven, and returns the restore.
func SetOwnProbeMax(n int) (restore func()) {
	old := ownProbeMax
	ownProbeMax = n
	return func() { ownProbeMax = old }
}
