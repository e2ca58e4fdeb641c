package emit

// Type is a column type, named as CONTRACT.md names Parquet logical types.
type Type int

// The column types.
const (
	String     Type = iota // UTF-8 BYTE_ARRAY
	StringList             // standard three-level LIST of STRING
	Date                   // INT32 DATE, days since 1970-01-01
	Int32                  // INT32
	Bool                   // BOOLEAN
	Double                 // DOUBLE
)

func (t Type) String() string {
	return [...]string{"STRING", "LIST<STRING>", "DATE", "INT32", "BOOLEAN", "DOUBLE"}[t]
}

// Column describes one column of a table.
type Column struct {
	Name string
	Type Type
	// Nullable columns are OPTIONAL; the others are REQUIRED.
	Nullable bool
	// Blank allows a REQUIRED STRING to hold "". Without it an empty value is
	// rejected, as CONTRACT.md wants REQUIRED columns never empty.
	Blank bool
	// Values is the closed set a STRING column's values come from, if any;
	// other values are rejected.
	Values  []string
	Meaning string
}

// Table describes one output table.
type Table struct {
	Name    string
	Meaning string
	Columns []Column
}

// File is the table's file name inside the output folder.
func (t Table) File() string { return t.Name + ".parquet" }

func req(name string, t Type, meaning string) Column {
	return Column{Name: name, Type: t, Meaning: meaning}
}

func opt(name string, t Type, meaning string) Column {
	return Column{Name: name, Type: t, Nullable: true, Meaning: meaning}
}

func (c Column) oneOf(values ...string) Column {
	c.Values = values
	return c
}

func (c Column) blank() Column {
	c.Blank = true
	return c
}

var (
	docStatuses = []string{"ok", "partial", "failed", "duplicate"}
	itemKinds   = []string{"priority", "action", "finding", "outcome", "indicator"}
	precisions  = []string{"year", "quarter", "month", "day"}
	// statusCategories are normalize.StatusCategories, spelled out so the
	// schema reads on its own; TestStatusCategoriesMatch keeps them equal.
	statusCategories = []string{"not_started", "on_track", "at_risk", "off_track", "complete"}
)

// Schema lists every table a run writes, in the order Close writes them.
// It is the single description of the output: validation, SCHEMA.md and the
// tests that check the row types all read it.
var Schema = []Table{
	{"documents", "One row per input document.", []Column{
		req("doc_id", String, "Stable id of the document: same input bytes, same id across runs."),
		req("source_path", String, "The input path as given to the run."),
		req("source_format", String, "The input's format.").oneOf("pdf", "html", "text"),
		req("sha256", String, "Hex digest of the input bytes."),
		req("title", String, "The document's own title."),
		opt("local_area", String, "The local area partnership, canonical name."),
		opt("doc_type", String, "action_plan, strategic_plan, strategy, commissioning_strategy, inspection_progress_report, …"),
		req("roles", StringList, "Of policy, commissioning, inspection; empty when unknown."),
		opt("page_count", Int32, "Pages of a paged (PDF) input; null otherwise."),
		opt("period_start", Date, "First day the document covers."),
		opt("period_end", Date, "Last day the document covers."),
		req("status", String, "partial: some pages or tables failed; duplicate: the same bytes as another input, whose rows these are (error names it).").oneOf(docStatuses...),
		opt("error", String, "Why, when status is not ok."),
		req("edition_id", String, "The same for every copy of one document (its HTML page and each PDF printing of it, or two files of identical content); the document's own doc_id when it has no other copy."),
		opt("doc_date", Date, "The day the document says it was written or presented (a 'Date of meeting' cell, a month in its title); reconcile.as_of: document judges its actions overdue against it."),
	}},
	{"items", "One row per priority, action, finding, outcome or indicator.", []Column{
		req("item_id", String, "Unique in the run; stable across runs for the same document content."),
		req("doc_id", String, "The document the item is in."),
		req("kind", String, "What the item is.").oneOf(itemKinds...),
		req("key", String, "The document's own code for the item, or a positional key."),
		opt("parent_key", String, "Key of the priority the item sits under."),
		opt("objective", String, "Text of a merged grouping cell spanning several rows."),
		req("text", String, "The item's statement, without its leading code."),
		req("leads", StringList, "Responsible people (or job titles used as leads), names only."),
		req("lead_orgs", StringList, "Lead organisations, one per entry."),
		opt("timescale", String, "The timescale text as written."),
		opt("start_date", Date, "Normalised start: the first day of what the document gave."),
		opt("due_date", Date, "Normalised due date: the last day of what the document gave."),
		opt("start_precision", String, "How much of the start date the document gave; null when start_date is.").oneOf(precisions...),
		opt("due_precision", String, "How much of the due date the document gave; null when due_date is.").oneOf(precisions...),
		opt("status", String, "The status as written."),
		req("refs", StringList, "Canonical cross-references (AFI2, SEF, 1.1)."),
		req("measures", StringList, "Success measures."),
		req("outcomes", StringList, "Intended outcomes."),
		req("rationale", StringList, "Why the item is there."),
		req("milestones", StringList, "Milestones on the way."),
		req("progress", StringList, "Progress notes."),
		opt("page", Int32, "1-based page where the item starts (paged inputs)."),
		req("flags", StringList, "Data-quality findings on the item, e.g. start_after_due, no_lead, due_unparsed, overdue, status_unclassified."),
		opt("local_area", String, "The document's local area, repeated so an item joins without documents."),
		opt("status_category", String, "The status mapped to a category (RAG words and letters, the document's own colour legend, percentages, the phrases of normalize.statuses); null when there is no status or it matched nothing (flag status_unclassified).").oneOf(statusCategories...),
		req("is_overdue", Bool, "An action due before the run's as-of date (manifest.json as_of, or its document's date with reconcile.as_of: document) whose status is not complete; the flag overdue says the same."),
		req("delivers", StringList, "What of another document the item delivers by the document's own word, as written: a cross-reference column's entries (\"Priority 3: EHC plans ...\" under \"SEND Strategy priority\"), on an action, or on the finding or priority a mapping table's row names; reconcile links the actions to the priorities they name."),
	}},
	{"people", "One row per distinct person after resolving spelling variants.", []Column{
		req("person_id", String, "Id of the person."),
		req("name", String, "Canonical spelling."),
		req("variants", StringList, "Every other spelling seen."),
		req("doc_ids", StringList, "Documents naming the person."),
	}},
	{"links", "Proposed and reviewed links between items.", []Column{
		req("link_id", String, "Stable across runs for the same pair and relation."),
		req("src_item_id", String, "The item the link starts from."),
		req("dst_item_id", String, "The item the link points to."),
		req("relation", String, "addresses: action → finding; implements: action → priority or outcome; same_as: one commitment stated twice.").oneOf("addresses", "implements", "same_as"),
		req("score", Double, "Confidence, 0 to 1."),
		req("method", String, "How the link was found: explicit_ref, text, people, review, …"),
		req("evidence", String, "A one-line human-readable reason."),
		req("review", String, "A reviewer's decision, re-applied every run.").oneOf("proposed", "accepted", "rejected"),
	}},
	{"cells", "Every table cell the extractor recovered, before normalisation.", []Column{
		req("doc_id", String, "The document the table is in."),
		req("table_index", Int32, "0-based position of the table in the document."),
		opt("page", Int32, "Page of the cell (paged inputs)."),
		req("row", Int32, "0-based grid row of the cell's top-left corner."),
		req("col", Int32, "0-based grid column of the cell's top-left corner."),
		req("row_span", Int32, "Rows the cell spans."),
		req("col_span", Int32, "Columns the cell spans."),
		req("is_header", Bool, "The cell is a header cell."),
		req("text", String, "Cell text, lines joined by \\n; empty for a blank cell.").blank(),
	}},
	{"coverage", "One row per inspection finding: how well the actions of its local area answer it.", []Column{
		req("finding_id", String, "item_id of the finding."),
		req("doc_id", String, "The document the finding is in."),
		opt("local_area", String, "The local area partnership, canonical name."),
		req("key", String, "The finding's key."),
		req("text", String, "The finding's text."),
		req("actions", Int32, "Actions addressing the finding, rejected links left out."),
		req("action_ids", StringList, "item_ids of those actions."),
		req("accepted", Int32, "How many of those links a reviewer accepted."),
		req("status", String, "How well the finding is covered.").oneOf("covered", "partly_covered", "gap"),
	}},
	{"conflicts", "One row per field on which two linked items disagree.", []Column{
		req("link_id", String, "The link joining the two items."),
		req("src_item_id", String, "The link's source item."),
		req("dst_item_id", String, "The link's destination item."),
		req("field", String, "The field that disagrees: lead, due_date, status, …"),
		opt("src_value", String, "The source item's value; null when it has none."),
		opt("dst_value", String, "The destination item's value; null when it has none."),
	}},
	{"item_people", "One row per lead of an item who is a person in people: joins items to people. A lead that is a job title or team only is in items.leads.", []Column{
		req("item_id", String, "The item."),
		req("person_id", String, "The person, as in people."),
		req("role", String, "What the person is to the item.").oneOf("lead"),
	}},
	{"item_orgs", "One row per lead organisation of an item.", []Column{
		req("item_id", String, "The item."),
		req("org", String, "The organisation as the document names it."),
		req("org_canonical", String, "The organisation with its acronyms expanded (the document's glossary, normalize.org_acronyms) and spelling variants merged (case, '&', a bracketed acronym): group by this."),
	}},
	{"item_refs", "One row per cross-reference of an item.", []Column{
		req("item_id", String, "The item."),
		req("ref", String, "A canonical cross-reference (AFI2, SEF, 1.1), as in items.refs."),
	}},
	{"changes", "Items added, removed or modified between two versions of a document; one row per changed field of a modified item.", []Column{
		req("old_doc_id", String, "The earlier version."),
		req("new_doc_id", String, "The later version."),
		opt("old_item_id", String, "The item in the earlier version; null when added."),
		opt("new_item_id", String, "The item in the later version; null when removed."),
		req("key", String, "The item's key, as the later version numbers it when the item is in it."),
		req("kind", String, "The item's kind.").oneOf(itemKinds...),
		req("change", String, "What happened to the item.").oneOf("added", "removed", "modified"),
		opt("field", String, "For modified: the field that changed; null otherwise."),
		opt("before", String, "The old value (for removed: the item's text); null when there was none."),
		opt("after", String, "The new value (for added: the item's text); null when there is none."),
	}},
}

// table returns the description of the named table.
func table(name string) (Table, bool) {
	for _, t := range Schema {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}
