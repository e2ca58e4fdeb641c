package normalize

import "time"

// Kind is what an item is (CONTRACT.md items.kind).
type Kind string

// The item kinds.
const (
	KindPriority  Kind = "priority"
	KindAction    Kind = "action"
	KindFinding   Kind = "finding"
	KindOutcome   Kind = "outcome"
	KindIndicator Kind = "indicator"
)

// Precision says how much of a date the document gave.
type Precision string

// The date precisions.
const (
	PrecisionYear    Precision = "year"
	PrecisionQuarter Precision = "quarter"
	PrecisionMonth   Precision = "month"
	PrecisionDay     Precision = "day"
)

// Date is a normalised date; the zero Date is "no date".
type Date struct {
	Time      time.Time
	Precision Precision
}

// IsZero reports whether the date is absent.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Document is what the documents table says of one input.
type Document struct {
	ID          string
	SourcePath  string
	Format      string
	SHA256      string
	Title       string
	LocalArea   string
	DocType     string
	Roles       []string
	PageCount   int
	PeriodStart Date
	PeriodEnd   Date
	Status      string // ok, partial or failed
	Error       string
	Acronyms    map[string]string
}

// The document statuses.
const (
	StatusOK      = "ok"
	StatusPartial = "partial"
	StatusFailed  = "failed"
)

// Item is one priority, action, finding, outcome or indicator.
type Item struct {
	ID         string
	DocID      string
	Kind       Kind
	Key        string
	ParentKey  string
	Objective  string
	Text       string
	Leads      []string
	LeadOrgs   []string
	Timescale  string
	Start      Date
	Due        Date
	Status     string
	Refs       []string
	RefsRaw    string
	Measures   []string
	Outcomes   []string
	Rationale  []string
	Milestones []string
	Progress   []string
	Page       int
	Flags      []string
}

// Person is one real person after spelling variants are resolved.
type Person struct {
	ID       string
	Name     string
	Variants []string
	DocIDs   []string
}

// Result is everything normalize makes of one document.
type Result struct {
	Document Document
	Items    []Item
	// Trace says how each item (same index) was read.
	Trace []Trace
	// NotFound, for a document with no items, says what was looked for.
	NotFound []string
}
