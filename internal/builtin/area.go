package builtin

import "strings"

// incidentAreas names the area of a ticket by its strongest incident signal.
var incidentAreas = map[category]string{
	catOutage:      "Outage",
	catDataLoss:    "Data loss",
	catSecurity:    "Security",
	catPayment:     "Payments",
	catAccess:      "Sign-in",
	catCrash:       "Crash",
	catPerformance: "Performance",
}

// framingAreas name a ticket that is a question, a wish or polish.
var framingAreas = map[category]string{
	catQuestion: "Question",
	catFeature:  "Feature request",
	catCosmetic: "UI polish",
}

// displayNames spell skills the way their owners do.
var displayNames = map[string]string{
	"api": "API", "dns": "DNS", "aws": "AWS", "gcp": "GCP", "ios": "iOS", "macos": "macOS", "cdn": "CDN",
	"vpn": "VPN", "ssl/tls": "SSL/TLS", "node.js": "Node.js", "sql server": "SQL Server",
	"postgresql": "PostgreSQL", "mysql": "MySQL", "sqlite": "SQLite", "mongodb": "MongoDB",
	"javascript": "JavaScript", "typescript": "TypeScript", "dotnet": ".NET", "php": "PHP",
	"microsoft 365": "Microsoft 365", "google workspace": "Google Workspace", "nginx": "Nginx",
	"devops": "DevOps", "go": "Go",
}

// display returns a skill name for prose.
func display(skill string) string {
	if d, ok := displayNames[skill]; ok {
		return d
	}
	return upperFirst(skill)
}

// areaOf names what a ticket is about, for the summary: a clear incident
// first, then the most relevant skill, then the kind of request.
func areaOf(p priorityResult, scored []skillScore) string {
	for _, s := range p.signals {
		if name, ok := incidentAreas[s.cat]; ok && s.weight >= 3 {
			return name
		}
	}
	if len(scored) > 0 {
		return display(scored[0].name)
	}
	for _, s := range p.signals {
		if name, ok := framingAreas[s.cat]; ok {
			return name
		}
	}
	return "General"
}

// joinNames lists skills for prose: "a, b and c".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
