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

	// Date is the day the document says it was written or presented
	// (DateLabels, or a month in its title); zero when it states none.
	Date Date
	// EditionID is the same for every copy of one document (its HTML page
	// and each PDF printing of it); the editions pass of reconcile fills
	// it, and emit writes the document's own ID while it is empty.
	EditionID string
}

// The document statuses.
const (
	StatusOK      = "ok"
	StatusPartial = "partial"
	StatusFailed  = "failed"
	// StatusDuplicate is an input with the same bytes as an earlier one
	// that was read: its row names that one, which holds the items.
	StatusDuplicate = "duplicate"
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

	// Delivers lists, as written, what of another document the item
	// delivers by the document's own word: the entries of a cross-reference
	// column ("Priority 3: EHC plans ..." under "SEND Strategy priority"),
	// on the row's action, or on the finding or priority a mapping table's
	// row is keyed by (its actions deliver it). Reconcile resolves the
	// entries against the area's other documents; the items table keeps
	// it (delivers) so a merge of shards links as one run does.
	Delivers []string

	// StatusCategory is Status mapped to one of StatusCategories (see
	// ClassifyStatus), "" when there is no status or it says nothing known.
	StatusCategory string
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
