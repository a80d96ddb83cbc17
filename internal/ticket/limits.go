package ticket

import "helpdesk/internal/user"

// Every limit of a ticket lives here: the migrations, the validation, the
// analyzers' cleaning and the body limits read them.

// Limits of the requester's text fields, in characters.
const (
	TitleMin       = 3
	TitleMax       = 200
	DescriptionMax = 20000
)

// Limits of attachments, on tickets and on comments alike.
const (
	AttachmentsMax    = 5
	AttachmentMaxSize = 10 << 20
)

// Limits of the analysis fields as stored, in characters or bytes.
const (
	SummaryMax      = 2000
	HelpfulNotesMax = 20000
	AnalyzerMax     = 200
	// RelatedSkillsJSONMax is the stored size of related_skills: a full
	// skills list, as for users.
	RelatedSkillsJSONMax = user.SkillsJSONMax
	// LinksMax is how many resource_links a ticket may hold (staff may add
	// some to an analysis's), each at most LinkMax characters.
	LinksMax = 50
	LinkMax  = 2000
	// ResourceLinksJSONMax is the stored size of resource_links.
	ResourceLinksJSONMax = 32768
)

// What an analysis (builtin or Gemini) may give: a handful of skills to
// route by and of links to read, so that the notes stay useful.
const (
	AnalysisSkillsMax = 5
	AnalysisLinksMax  = 10
)
