package builtin

import (
	"slices"

	"helpdesk/internal/ticket"
	"helpdesk/internal/user"
)

// maxSkills is as many skills as an analysis may give.
const maxSkills = ticket.AnalysisSkillsMax

// parentShare is the part of a skill's relevance its parents inherit.
const parentShare = 0.5

// impliedScore is the relevance of a skill implied by an incident: below
// any skill the text names, so it only fills free places.
const impliedScore = 0.4

// impliedSkills are the areas an incident concerns even when the text names
// no technology: an outage is a backend and operations matter.
var impliedSkills = map[category][]string{
	catOutage:      {"backend", "devops"},
	catDataLoss:    {"backups", "database"},
	catSecurity:    {"security"},
	catPayment:     {"payments", "billing"},
	catAccess:      {"authentication"},
	catPerformance: {"performance"},
}

// commonWords are never matched as a moderator's skill of their own: a
// skill named "support" or "general" would match nearly every ticket.
var commonWords = map[string]bool{
	"support": true, "general": true, "help": true, "helpdesk": true, "it": true, "other": true,
	"misc": true, "tickets": true, "ticket": true, "customer": true, "customers": true, "users": true,
	"user": true, "issues": true, "issue": true, "the": true, "and": true, "a": true, "an": true,
}

// A skill the skill model finds likely counts learnedSkillWeight times its
// probability on top of the vocabulary's matches, so the model ranks and
// the matches break ties; one the text never names needs a probability
// above learnedSkillFloor to be considered. A team skill the model cannot
// know counts as teamSkillProbability when the text names it. Chosen by
// cross-validation (docs/triage.md).
const (
	learnedSkillWeight   = 20
	learnedSkillFloor    = 0.02
	teamSkillProbability = 0.5
)

// machineSkillWeight is what a skill named in machine text counts.
const machineSkillWeight = 0.5

// skillScore is a skill's relevance to one ticket.
type skillScore struct {
	name  string
	score float64
	// rank breaks ties: vocabulary order, then known skills in name order.
	rank int
	// vocab is the index in vocabulary, or -1 for a moderator's own skill.
	vocab int
	// sure: the text names the skill, or the skill model finds it more
	// likely than not; only those get a checklist in the notes.
	sure bool
}

// sureProbability is the skill model's probability above which an area
// the text does not name gets a checklist.
const sureProbability = 0.5

// vocabScores scores each vocabulary skill by the phrases of the text
// that name it, its children's share, and the incidents that imply it;
// direct holds the phrases' part alone.
func (a *Analyzer) vocabScores(d *doc, p priorityResult) (scores, direct []float64) {
	scores = make([]float64, len(vocabulary))
	a.skillMatcher.scan(d.tokens, func(m match) {
		w := 1.0
		switch t := d.tokens[m.start]; {
		case t.title:
			w = 2
		case t.machine:
			// a log names its platform, but repeats its words on every line
			w = machineSkillWeight
		}
		for _, id := range m.phrase.ids {
			scores[id] += w
		}
	})
	direct = slices.Clone(scores)
	for i, s := range direct {
		if s == 0 {
			continue
		}
		for _, parent := range a.parents[i] {
			scores[parent] += s * parentShare
		}
	}
	for _, s := range p.signals {
		if s.weight < 2 {
			continue
		}
		for _, i := range a.implied[s.cat] {
			scores[i] = max(scores[i], impliedScore)
		}
	}
	return scores, direct
}

// detectSkills scores the vocabulary skills the text names (directly, as a
// parent, or implied by an incident) and the moderators' own skills found
// in it, most relevant first, with vocabulary names mapped onto the known
// skills.
func (a *Analyzer) detectSkills(d *doc, p priorityResult, known []string, m *learned) []skillScore {
	scores, direct := a.vocabScores(d, p)
	var probs []float64
	if m != nil {
		probs = m.skillProbabilities(skillFeatures(d, scores))
		if a.synonyms != nil {
			a.synonyms.scan(d.tokens, func(m match) {
				for _, id := range m.phrase.ids {
					probs[id] = max(probs[id], teamSkillProbability)
				}
			})
		}
	}
	names, team := a.resolveKnown(known)
	out := make([]skillScore, 0, 8)
	for i, s := range scores {
		p := 0.0
		if probs != nil {
			p = probs[i]
		}
		if s == 0 && p <= learnedSkillFloor {
			continue
		}
		// repeated mentions matter, but not linearly
		s = min(s, 6)*vocabulary[i].weightOr1() + learnedSkillWeight*p
		name := vocabulary[i].name
		if n, ok := names[i]; ok {
			name = n
		}
		out = append(out, skillScore{name: name, score: s, rank: i, vocab: i, sure: direct[i] > 0 || p >= sureProbability})
	}
	for k, ts := range team {
		var s float64
		ts.scan(d.tokens, func(m match) {
			switch t := d.tokens[m.start]; {
			case t.title:
				s += 2
			case t.machine:
				s += machineSkillWeight
			default:
				s++
			}
		})
		if s > 0 {
			bonus := 0.0
			if probs != nil {
				bonus = learnedSkillWeight * teamSkillProbability
			}
			out = append(out, skillScore{name: ts.name, score: min(s, 6) + bonus, rank: len(vocabulary) + k, vocab: -1})
		}
	}
	slices.SortFunc(out, func(x, y skillScore) int {
		if x.score != y.score {
			if x.score > y.score {
				return -1
			}
			return 1
		}
		return x.rank - y.rank
	})
	return dedupeSkills(out)
}

func dedupeSkills(in []skillScore) []skillScore {
	out := in[:0]
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s.name] {
			seen[s.name] = true
			out = append(out, s)
		}
	}
	return out
}

func (s skillDef) weightOr1() float64 {
	if s.weight == 0 {
		return 1
	}
	return s.weight
}

// resolveKnown maps the moderators' skills onto the vocabulary when they
// are the whole name or alias of a vocabulary skill ("postgres" receives
// what the vocabulary calls "postgresql"), and returns the team skills to
// look for: those of the synonyms file and the other known skills, found
// by their own whole words. Every known skill counts, however many there
// are; they are sorted so the result does not depend on their order.
func (a *Analyzer) resolveKnown(known []string) (map[int]string, []teamSkill) {
	list := make([]string, 0, len(known))
	for _, k := range known {
		if n := user.SkillName(k); n != "" {
			list = append(list, n)
		}
	}
	slices.Sort(list)
	list = slices.Compact(list)
	names := map[int]string{}
	seen := map[string]bool{}
	var team []teamSkill
	for _, k := range list {
		if i, ok := a.vocabByName[formKey(k)]; ok {
			// the vocabulary's own name wins over an alias of it
			if _, taken := names[i]; !taken || k == vocabulary[i].name {
				names[i] = k
			}
			continue
		}
		if len(k) < 2 || commonWords[k] || len(formKey(k)) == 0 {
			continue
		}
		seen[k] = true
		if ts, ok := a.team[k]; ok {
			team = append(team, ts)
			continue
		}
		team = append(team, a.knownTeamSkill(k))
	}
	for _, name := range a.teamNames {
		if !seen[name] {
			team = append(team, a.team[name])
		}
	}
	return names, team
}

// topSkills picks the names to report.
func topSkills(scored []skillScore) []string {
	out := make([]string, 0, maxSkills)
	for _, s := range scored {
		if len(out) == maxSkills {
			break
		}
		out = append(out, s.name)
	}
	return user.LenientSkills(out)
}
