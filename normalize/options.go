package normalize

import (
	"fmt"
	"slices"
	"strings"
)

// Options is the normalize: section of the configuration. Every word list and
// pattern the rules use lives here, so that a new council's headings, codes
// and organisations are a configuration change. Keys are lowercase snake_case
// because viper lowercases them.
type Options struct {
	// Columns maps a column role (one of ColumnRoles) to the header phrases
	// that give a column that role. A header takes the role of the phrase
	// found earliest in it, the longest on a tie.
	Columns map[string][]string `mapstructure:"columns"`
	// Sections say which kind of item a list holds, from the heading above it
	// or the sentence that introduces it.
	Sections []SectionRule `mapstructure:"sections"`
	// SkipSections are heading patterns (regular expressions, case-insensitive)
	// under which no item is read: contents, glossaries, past achievements.
	SkipSections []string `mapstructure:"skip_sections"`
	// HeadingLabels are the words a heading's number can follow, as in
	// "Priority 1: ..." or "Workstream 3 - ..."; a number before the words
	// ("1. Next Step - ...") is read without them.
	HeadingLabels []string `mapstructure:"heading_labels"`
	// CodeLabels are words an item's own code can follow at the start of
	// its text: "Action 1.1: publish ..." is item 1.1.
	CodeLabels []string `mapstructure:"code_labels"`
	// Codes are the families of finding codes: "Area for improvement 2",
	// "AFI 2" and "AF2" are all AFI2.
	Codes []CodeRule `mapstructure:"codes"`
	// Programmes are bare reference tokens kept as they are (SEF, DBV).
	Programmes []string `mapstructure:"programmes"`
	// OrgWords are words or phrases that make a name an organisation
	// ("council", "clinical commissioning group", "trust").
	OrgWords []string `mapstructure:"org_words"`
	// Organisations are organisation names (or acronyms) known in advance.
	Organisations []string `mapstructure:"organisations"`
	// TitleWords are words that make a lead a job title rather than a person
	// or an organisation ("director", "head", "manager").
	TitleWords []string `mapstructure:"title_words"`
	// NullDates are timescale words that mean "no date" without being an
	// error (TBC, ongoing).
	NullDates []string `mapstructure:"null_dates"`
	// DateWords are the words that make a date a start, a revision or an
	// old date (normalize.date_words); null_dates are its null words.
	DateWords DateWords `mapstructure:"date_words"`
	// StatusWords are the ratings a status column writes ("Blue", "On
	// track", "Complete"): a column of them is a status column whatever its
	// heading, and a line under one in its cell is a progress comment.
	StatusWords []string `mapstructure:"status_words"`
	// StatusColours are the one-word colour ratings (red, amber, green);
	// their initials are the RAG letters (R, A, G).
	StatusColours []string `mapstructure:"status_colours"`
	// LocalAreas is the lexicon of local areas: a canonical name and the
	// other ways a document names it.
	LocalAreas []LocalArea `mapstructure:"local_areas"`
	// DocTypes classify a document by its title, then by its text, in order.
	DocTypes []DocTypeRule `mapstructure:"doc_types"`
	// FieldSections are headings whose content belongs to the enclosing
	// priority or finding as one of its list fields: "Why this is a
	// priority" bullets are the priority's rationale.
	FieldSections []FieldSectionRule `mapstructure:"field_sections"`
	// StatementPronouns are the first-person words that make a list of
	// quoted statements "I statements" (outcomes in the voice of a child or
	// family): "I", "me", "my".
	StatementPronouns []string `mapstructure:"statement_pronouns"`
	// FindingModals are the words of an instruction ("should", "must"):
	// a paragraph under a findings heading that has one is a finding, as
	// inspection letters phrase them ("Leaders ... should ...").
	FindingModals []string `mapstructure:"finding_modals"`
	// CaptionWords start a caption under a chart or table ("Figure 2:"),
	// which is never an item's text or progress.
	CaptionWords []string `mapstructure:"caption_words"`
	// PeopleMaxEdits is how many letters two spellings of a name may differ
	// by and still be one person (first name and surname each).
	PeopleMaxEdits int `mapstructure:"people_max_edits"`
	// Statuses is the vocabulary of status categories (items.status_category).
	Statuses StatusOptions `mapstructure:"statuses"`
	// DateLabels are the labels of a document's own date ("Date of
	// meeting", "Published"), read from a label cell or a "Label: date" line.
	DateLabels []string `mapstructure:"date_labels"`
	// OrgAcronyms are organisation acronyms known in advance, expanded in
	// item_orgs.org_canonical where a document does not spell them out.
	OrgAcronyms []OrgAcronym `mapstructure:"org_acronyms"`
}

// SectionRule gives the items of the lists under a matching heading or
// introductory sentence a kind.
type SectionRule struct {
	Kind     string   `mapstructure:"kind"`
	Patterns []string `mapstructure:"patterns"`
	// KeyPrefix goes before the item's number in its key (O for outcomes,
	// AFI for areas for improvement).
	KeyPrefix string `mapstructure:"key_prefix"`
}

// FieldSectionRule sends what a matching heading holds (bullets, or the
// sentences of its paragraphs) to one list field of the enclosing item.
type FieldSectionRule struct {
	Field    string   `mapstructure:"field"`
	Patterns []string `mapstructure:"patterns"`
}

// The list fields a field section can fill.
var sectionFields = []string{RoleRationale, RoleMeasures, RoleOutcomes, RoleProgress, RoleMilestones}

// CodeRule is one family of reference codes.
type CodeRule struct {
	Code     string   `mapstructure:"code"`
	Patterns []string `mapstructure:"patterns"`
	// Kind is the kind of item a label of this family introduces (finding).
	Kind string `mapstructure:"kind"`
}

// LocalArea is one entry of the local-area lexicon.
type LocalArea struct {
	Name    string   `mapstructure:"name"`
	Aliases []string `mapstructure:"aliases"`
	// Strict areas are recognised by their aliases only, because the name
	// alone is an ordinary word ("Reading", "Bury").
	Strict bool `mapstructure:"strict"`
}

// DocTypeRule is one document type with the patterns that recognise it and
// the reconciliation roles its items play.
type DocTypeRule struct {
	Type  string   `mapstructure:"type"`
	Title []string `mapstructure:"title"`
	Text  []string `mapstructure:"text"`
	Roles []string `mapstructure:"roles"`
}

// The column roles a header can take.
const (
	RoleText      = "text"
	RoleObjective = "objective"
	RolePriority  = "priority"
	RoleItemRef   = "item_ref"
	RoleIndicator = "indicator"
	RoleLead      = "lead"
	RoleLeadOrg   = "lead_org"
	RoleTimescale = "timescale"
	RoleStart     = "start"
	RoleDue       = "due"
	RoleStatus    = "status"
	RoleRefs      = "refs"
	// RoleKey is a column holding the row's own code ("Ref | 1.1"); a value
	// that is not an item code is read as a reference instead.
	RoleKey        = "key"
	RoleMeasures   = "measures"
	RoleOutcomes   = "outcomes"
	RoleRationale  = "rationale"
	RoleMilestones = "milestones"
	RoleProgress   = "progress"
	// RoleBaseline and RoleTarget are the "where we are now" and "where we
	// want to be" columns of a measure table; they mark it as one and are
	// shown by explain, but are no item field.
	RoleBaseline = "baseline"
	RoleTarget   = "target"
	// RoleContributors is a column of partners who help deliver an action
	// without being accountable for it ("Delivery partners"): not leads.
	RoleContributors = "contributors"
	// RoleDelivers is a column naming what of another document a row
	// delivers ("SEND Strategy priority | Priority 3: ..."): a plan's
	// areas mapped to its strategy's priorities. Not a reference of the
	// row's own (refs name findings and programmes): Item.Delivers.
	RoleDelivers = "delivers"
)

// ColumnRoles lists every column role, for validation and documentation.
var ColumnRoles = []string{
	RoleText, RoleObjective, RolePriority, RoleItemRef, RoleIndicator, RoleLead,
	RoleLeadOrg, RoleTimescale, RoleStart, RoleDue, RoleStatus, RoleRefs,
	RoleMeasures, RoleOutcomes, RoleRationale, RoleMilestones, RoleProgress, RoleKey,
	RoleBaseline, RoleTarget, RoleContributors, RoleDelivers,
}

var kinds = []Kind{KindPriority, KindAction, KindFinding, KindOutcome, KindIndicator}

// Validate reports every problem of the options at once, each naming the key
// that caused it.
func (o Options) Validate() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("normalize.%s: %s", key, fmt.Sprintf(format, args...)))
	}
	for role, phrases := range o.Columns {
		if !slices.Contains(ColumnRoles, role) {
			bad("columns."+role, "unknown column role (want one of %s)", strings.Join(ColumnRoles, ", "))
		}
		if len(phrases) == 0 {
			bad("columns."+role, "no header phrases")
		}
	}
	for i, s := range o.Sections {
		key := fmt.Sprintf("sections[%d]", i)
		if !slices.Contains(kinds, Kind(s.Kind)) {
			bad(key+".kind", "unknown item kind %q", s.Kind)
		}
		for j, p := range s.Patterns {
			if _, err := compile("(?i)" + p); err != nil {
				bad(fmt.Sprintf("%s.patterns[%d]", key, j), "%v", err)
			}
		}
	}
	for i, p := range o.SkipSections {
		if _, err := compile("(?i)" + p); err != nil {
			bad(fmt.Sprintf("skip_sections[%d]", i), "%v", err)
		}
	}
	for i, f := range o.FieldSections {
		key := fmt.Sprintf("field_sections[%d]", i)
		if !slices.Contains(sectionFields, f.Field) {
			bad(key+".field", "unknown field %q (want one of %s)", f.Field, strings.Join(sectionFields, ", "))
		}
		for j, p := range f.Patterns {
			if _, err := compile("(?i)" + p); err != nil {
				bad(fmt.Sprintf("%s.patterns[%d]", key, j), "%v", err)
			}
		}
	}
	for i, l := range o.HeadingLabels {
		if strings.TrimSpace(l) == "" {
			bad(fmt.Sprintf("heading_labels[%d]", i), "empty")
		}
	}
	for i, c := range o.Codes {
		key := fmt.Sprintf("codes[%d]", i)
		if c.Code == "" {
			bad(key+".code", "empty")
		}
		if len(c.Patterns) == 0 {
			bad(key+".patterns", "empty")
		}
		if c.Kind != "" && !slices.Contains(kinds, Kind(c.Kind)) {
			bad(key+".kind", "unknown item kind %q", c.Kind)
		}
	}
	for i, a := range o.LocalAreas {
		if strings.TrimSpace(a.Name) == "" {
			bad(fmt.Sprintf("local_areas[%d].name", i), "empty")
		}
	}
	for i, d := range o.DocTypes {
		key := fmt.Sprintf("doc_types[%d]", i)
		if d.Type == "" {
			bad(key+".type", "empty")
		}
		for _, r := range d.Roles {
			if !slices.Contains([]string{"policy", "commissioning", "inspection"}, r) {
				bad(key+".roles", "unknown role %q (want policy, commissioning or inspection)", r)
			}
		}
		for j, p := range append(append([]string{}, d.Title...), d.Text...) {
			if _, err := compile("(?i)" + p); err != nil {
				bad(fmt.Sprintf("%s.patterns[%d]", key, j), "%v", err)
			}
		}
	}
	if o.PeopleMaxEdits < 0 || o.PeopleMaxEdits > 3 {
		bad("people_max_edits", "must be 0 to 3, got %d", o.PeopleMaxEdits)
	}
	errs = append(errs, o.Statuses.Validate()...)
	return errs
}
