package reconcile

import (
	"fmt"
	"math"
	"time"
)

// Options configures reconciliation; the config package fills it from the
// `reconcile:` section of config/default.yaml.
type Options struct {
	// Decisions is the reviewers' decisions file, re-applied on every run.
	Decisions string `mapstructure:"decisions"`
	// AsOf is the date overdue actions are judged against: a date
	// (YYYY-MM-DD), AsOfToday (or empty) for the day of the run, or
	// AsOfDocument for each document's own date where it states one.
	AsOf string `mapstructure:"as_of"`
	// Threshold is the least score, per relation, of a proposed link.
	Threshold Thresholds `mapstructure:"threshold"`
	// Weights combine the evidence of a candidate pair into its score.
	Weights Weights `mapstructure:"weights"`
	// MaxPerAction caps the links of one relation proposed from one action,
	// best first, so a vague action does not link to everything.
	MaxPerAction int `mapstructure:"max_per_action"`
	// FindingFloor is the least score at which a finding's best action in a
	// document is proposed though below the addresses threshold; 0 turns
	// this off.
	FindingFloor float64 `mapstructure:"finding_floor"`
	// ParentShare is how much of an action's priority's statement joins
	// its own words when it is compared with another document's priorities
	// and outcomes: what an action is for is often said only above it.
	ParentShare float64 `mapstructure:"parent_share"`
	// MinSharedTerms is how many terms two statements must share for their
	// text similarity to count in full; with fewer it is scaled down in
	// proportion, because a cosine between short statements on one or two
	// common words overstates how alike they are. 0 or 1 turns this off.
	MinSharedTerms int `mapstructure:"min_shared_terms"`
	// DoneStatuses are statuses (folded) that mean an action is finished, so
	// it cannot be overdue.
	DoneStatuses []string `mapstructure:"done_statuses"`
	// Themes name the subjects SEND findings and plans keep returning to,
	// each with the phrases that signal it: two items on one theme are more
	// likely to answer each other than their shared words alone say.
	Themes map[string][]string `mapstructure:"themes"`
	// EditionShare is the least share of the smaller copy's items that must
	// align (same kind, key and text) for two documents of one title and
	// area to be copies of one edition.
	EditionShare float64 `mapstructure:"edition_share"`
	// RefCues are words after which a dotted number in a sentence is a
	// reference ("WSoA ref 2.3", "see 1.4"); letter codes (PA1.1, W3)
	// count anywhere.
	RefCues []string `mapstructure:"ref_cues"`
	// EditionShareOtherTitle is the share needed when the titles differ
	// (a printing's title lost to a running header); 0 never groups
	// documents of different titles.
	EditionShareOtherTitle float64 `mapstructure:"edition_share_other_title"`
	// VersionShare is the most share of aligned items' statuses and due
	// dates that may disagree between two copies of one edition; past it
	// the plan has moved on and they are two versions.
	VersionShare float64 `mapstructure:"version_share"`
	// Learn re-estimates Weights from the reviewers' accepted and rejected
	// links (see Learn) when there are at least LearnMinDecisions of them,
	// both kinds present; LearnPrior is how strongly the configured
	// weights hold against them.
	Learn             bool    `mapstructure:"learn"`
	LearnMinDecisions int     `mapstructure:"learn_min_decisions"`
	LearnPrior        float64 `mapstructure:"learn_prior"`
	// PeopleMaxEdits is people resolution's tolerance (normalize's
	// people_max_edits), so two leads that are one person do not conflict.
	PeopleMaxEdits int `mapstructure:"-"`
	// Exhaustive scores every pair of an area's items instead of the
	// candidates blocking proposes; tests use it to check blocking loses
	// no link.
	Exhaustive bool `mapstructure:"-"`
}

// Thresholds are per-relation acceptance thresholds.
type Thresholds struct {
	Addresses  float64 `mapstructure:"addresses"`
	Implements float64 `mapstructure:"implements"`
	SameAs     float64 `mapstructure:"same_as"`
}

// Weights of each kind of evidence.
type Weights struct {
	ExplicitRef float64 `mapstructure:"explicit_ref"`
	TitleRef    float64 `mapstructure:"title_ref"`
	Text        float64 `mapstructure:"text"`
	SharedLead  float64 `mapstructure:"shared_lead"`
	SharedOrg   float64 `mapstructure:"shared_org"`
	// SharedDate is the weight of two due dates that agree at the coarser
	// of their precisions ("March 2023" and "2023-03-31").
	SharedDate float64 `mapstructure:"shared_date"`
	// SharedTheme is the weight of each theme (reconcile.themes) both items
	// speak to, up to two.
	SharedTheme float64 `mapstructure:"shared_theme"`
	// SameSection is the weight of an action and an outcome stated under
	// one finding of a written statement of action.
	SameSection float64 `mapstructure:"same_section"`
}

// Validate reports every bad value, naming its key.
func (o Options) Validate() []error {
	var errs []error
	if o.AsOf != "" && o.AsOf != AsOfToday && o.AsOf != AsOfDocument {
		if _, err := parseDay(o.AsOf); err != nil {
			errs = append(errs, fmt.Errorf("reconcile.as_of: %q is not a date like 2024-03-31, %q or %q", o.AsOf, AsOfToday, AsOfDocument))
		}
	}
	for key, v := range map[string]float64{
		"threshold.addresses": o.Threshold.Addresses, "threshold.implements": o.Threshold.Implements,
		"threshold.same_as": o.Threshold.SameAs,
	} {
		if v <= 0 || v > 1 {
			errs = append(errs, fmt.Errorf("reconcile.%s: %v must be in (0, 1]", key, v))
		}
	}
	for key, v := range map[string]float64{
		"weights.explicit_ref": o.Weights.ExplicitRef, "weights.title_ref": o.Weights.TitleRef,
		"weights.text": o.Weights.Text, "weights.shared_lead": o.Weights.SharedLead,
		"weights.shared_org": o.Weights.SharedOrg, "weights.shared_theme": o.Weights.SharedTheme,
		"weights.shared_date": o.Weights.SharedDate, "weights.same_section": o.Weights.SameSection,
	} {
		if v < 0 {
			errs = append(errs, fmt.Errorf("reconcile.%s: %v must not be negative", key, v))
		}
	}
	for key, v := range map[string]float64{"edition_share": o.EditionShare, "edition_share_other_title": o.EditionShareOtherTitle, "version_share": o.VersionShare} {
		if v < 0 || v > 1 {
			errs = append(errs, fmt.Errorf("reconcile.%s: %v must be in [0, 1]", key, v))
		}
	}
	if o.FindingFloor < 0 || o.FindingFloor > 1 {
		errs = append(errs, fmt.Errorf("reconcile.finding_floor: %v must be in [0, 1]", o.FindingFloor))
	}
	if o.MinSharedTerms < 0 {
		errs = append(errs, fmt.Errorf("reconcile.min_shared_terms: %d must not be negative", o.MinSharedTerms))
	}
	if o.LearnMinDecisions < 2 {
		errs = append(errs, fmt.Errorf("reconcile.learn_min_decisions: %d must be at least 2 (one accepted, one rejected)", o.LearnMinDecisions))
	}
	if o.LearnPrior <= 0 || math.IsInf(o.LearnPrior, 0) || math.IsNaN(o.LearnPrior) {
		errs = append(errs, fmt.Errorf("reconcile.learn_prior: %v must be a positive number", o.LearnPrior))
	}
	if o.MaxPerAction < 1 {
		errs = append(errs, fmt.Errorf("reconcile.max_per_action: %d must be at least 1", o.MaxPerAction))
	}
	return errs
}

// asOf is the run-wide day overdue is judged against: the configured
// date, or the day of the run.
func (o Options) asOf(now time.Time) time.Time {
	if d, err := parseDay(o.AsOf); err == nil && o.AsOf != "" {
		return d
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
