package ticket

// severities orders the priorities: a select field sorts as text
// (medium, low, high, critical), a number sorts by urgency.
var severities = map[string]int{
	PriorityCritical: 4,
	PriorityHigh:     3,
	PriorityMedium:   2,
	PriorityLow:      1,
}

// SeverityMax is the severity of a critical ticket.
const SeverityMax = 4

// Severity returns the number kept in the severity field for a priority:
// critical 4, high 3, medium 2, low 1, none (not triaged yet) 0.
func Severity(priority string) int {
	return severities[priority]
}

// SeveritySQL is Severity as an SQL expression of the priority column,
// for migrations and bulk fixes.
const SeveritySQL = `CASE priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END`
