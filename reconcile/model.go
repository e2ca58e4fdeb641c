package reconcile

// The link relations of CONTRACT.md.
const (
	RelAddresses  = "addresses"
	RelImplements = "implements"
	RelSameAs     = "same_as"
)

// The review states of a link.
const (
	ReviewProposed = "proposed"
	ReviewAccepted = "accepted"
	ReviewRejected = "rejected"
)

// Link is a proposed or reviewed link between two items.
type Link struct {
	ID       string
	Src      string // item_id
	Dst      string // item_id
	Relation string
	Score    float64
	Method   string
	Evidence string
	Review   string
}

// The coverage states of an inspection finding.
const (
	Covered       = "covered"
	PartlyCovered = "partly_covered"
	Gap           = "gap"
)

// Coverage is how well the actions of a local area answer one finding.
type Coverage struct {
	FindingID string // item_id of the finding
	DocID     string
	LocalArea string
	Key       string
	Text      string
	Actions   int      // actions addressing it, rejected links left out
	ActionIDs []string // their item_ids
	Accepted  int      // of which a reviewer accepted
	Status    string   // covered, partly_covered or gap
}

// Conflict is a field on which two linked items disagree.
type Conflict struct {
	LinkID    string
	SrcItemID string
	DstItemID string
	Field     string // lead, due_date, status, ...
	SrcValue  string
	DstValue  string
}

// The change types of a diff.
const (
	ChangeAdded    = "added"
	ChangeRemoved  = "removed"
	ChangeModified = "modified"
)

// Change is one item added, removed or modified between two versions of a
// document; a modified item has one Change per changed field.
type Change struct {
	OldDocID  string
	NewDocID  string
	OldItemID string // the item in the old version; empty when added
	NewItemID string // the item in the new version; empty when removed
	Key       string // the item's key, in the new version when it has one
	Kind      string // the item kind
	Change    string // added, removed or modified
	Field     string // for modified: the field that changed
	Before    string
	After     string
}
