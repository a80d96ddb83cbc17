package builtin

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"helpdesk/internal/user"
)

// Options configures an Analyzer. The zero value is the builtin vocabulary
// alone.
type Options struct {
	// Synonyms extends the vocabulary without a rebuild: per skill name, the
	// words in a ticket that point at it. A name of the builtin vocabulary
	// (or one of its aliases) gains the phrases; any other name is a team
	// skill of its own, reported when its name or a synonym is found.
	// Names are normalized like skills (trimmed, lower case).
	Synonyms map[string][]string
	// Model replaces the embedded learned weights (model.json) with those
	// TrainModel returned: the cross-validation trains on part of the
	// corpus and measures on the rest.
	Model []byte
}

// LoadSynonyms reads a synonyms file: a JSON object whose keys are skill
// names and whose values are lists of phrases, e.g.
// {"crm": ["salesforce", "hubspot"], "payroll": ["lohnabrechnung"]}.
func LoadSynonyms(path string) (map[string][]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("builtin: unable to read the synonyms file: %w", err)
	}
	var out map[string][]string
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("builtin: the synonyms file %s is not a JSON object of string lists: %w", path, err)
	}
	return out, nil
}

// teamSkill is a skill of the team's own (a moderator's skill or a
// synonyms entry) that is no vocabulary name: it is found in the text by
// its whole words, never by a stem it shares with another word
// ("accounting" does not match "account").
type teamSkill struct {
	name string
	*matcher
}

// compileSynonyms adds the synonyms of vocabulary skills to the skill
// matcher builder, compiles them apart too (a.synonyms: the team's word
// counts as much as a team skill's, whatever the skill model thinks), and
// returns the team skills the file defines.
func (a *Analyzer) compileSynonyms(kb *matcherBuilder, synonyms map[string][]string) (map[string]teamSkill, error) {
	team := map[string]teamSkill{}
	own := newMatcherBuilder()
	for rawName, phrases := range synonyms {
		name := user.SkillName(rawName)
		if name == "" {
			return nil, fmt.Errorf("builtin: a synonyms entry has an empty skill name")
		}
		for _, p := range phrases {
			if len(phraseWords(p)) == 0 {
				return nil, fmt.Errorf("builtin: skill %q has a synonym without words: %q", name, p)
			}
		}
		if i, ok := a.vocabByName[formKey(name)]; ok {
			for _, p := range phrases {
				kb.add(p, i)
				own.add(p, i)
			}
			continue
		}
		team[name] = newTeamSkill(name, phrases)
	}
	if len(own.order) > 0 {
		a.synonyms = own.build()
	}
	return team, nil
}

// maxCachedTeamSkills bounds the cache of compiled team skills: the names
// come from the moderators' profiles, a few hundred at most in practice.
const maxCachedTeamSkills = 2000

// knownTeamSkill returns the compiled matcher of a moderator's skill,
// compiled once per analyzer.
func (a *Analyzer) knownTeamSkill(name string) teamSkill {
	if ts, ok := a.teamCache.Load(name); ok {
		return ts.(teamSkill)
	}
	ts := newTeamSkill(name, nil)
	if a.teamCached.Add(1) <= maxCachedTeamSkills {
		a.teamCache.Store(name, ts)
	}
	return ts
}

// newTeamSkill compiles a team skill's name and synonyms into a matcher of
// whole words.
func newTeamSkill(name string, synonyms []string) teamSkill {
	b := newMatcherBuilder()
	b.byForm = true
	b.add(name, 0)
	for _, p := range synonyms {
		b.add(p, 0)
	}
	return teamSkill{name: name, matcher: b.build()}
}

// formKey is the whole-term key of a skill name: its words as written,
// lower case, singular, so "Printers" is "printer" but "accounting" stays
// "accounting".
func formKey(name string) string {
	d := &doc{}
	d.add(name, false, false)
	words := make([]string, len(d.tokens))
	for i, t := range d.tokens {
		words[i] = t.form
	}
	return strings.Join(words, " ")
}
