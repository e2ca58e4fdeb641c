package emit

// The row types below are what the Parquet files hold, one per table of
// Schema. Their tags give the logical types: a pointer is an OPTIONAL
// column, ",list" a three-level LIST, ",date" an INT32 DATE (days since
// 1970-01-01). TestRowTypesMatchSchema keeps them in step with Schema.

// DocumentRow is one row of documents.
type DocumentRow struct {
	DocID        string   `parquet:"doc_id"`
	SourcePath   string   `parquet:"source_path"`
	SourceFormat string   `parquet:"source_format"`
	SHA256       string   `parquet:"sha256"`
	Title        string   `parquet:"title"`
	LocalArea    *string  `parquet:"local_area,optional"`
	DocType      *string  `parquet:"doc_type,optional"`
	Roles        []string `parquet:"roles,list"`
	PageCount    *int32   `parquet:"page_count,optional"`
	PeriodStart  *int32   `parquet:"period_start,optional,date"`
	PeriodEnd    *int32   `parquet:"period_end,optional,date"`
	Status       string   `parquet:"status"`
	Error        *string  `parquet:"error,optional"`
	EditionID    string   `parquet:"edition_id"`
	DocDate      *int32   `parquet:"doc_date,optional,date"`
}

// ItemRow is one row of items.
type ItemRow struct {
	ItemID         string   `parquet:"item_id"`
	DocID          string   `parquet:"doc_id"`
	Kind           string   `parquet:"kind"`
	Key            string   `parquet:"key"`
	ParentKey      *string  `parquet:"parent_key,optional"`
	Objective      *string  `parquet:"objective,optional"`
	Text           string   `parquet:"text"`
	Leads          []string `parquet:"leads,list"`
	LeadOrgs       []string `parquet:"lead_orgs,list"`
	Timescale      *string  `parquet:"timescale,optional"`
	StartDate      *int32   `parquet:"start_date,optional,date"`
	DueDate        *int32   `parquet:"due_date,optional,date"`
	StartPrecision *string  `parquet:"start_precision,optional"`
	DuePrecision   *string  `parquet:"due_precision,optional"`
	Status         *string  `parquet:"status,optional"`
	Refs           []string `parquet:"refs,list"`
	Measures       []string `parquet:"measures,list"`
	Outcomes       []string `parquet:"outcomes,list"`
	Rationale      []string `parquet:"rationale,list"`
	Milestones     []string `parquet:"milestones,list"`
	Progress       []string `parquet:"progress,list"`
	Page           *int32   `parquet:"page,optional"`
	Flags          []string `parquet:"flags,list"`
	LocalArea      *string  `parquet:"local_area,optional"`
	StatusCategory *string  `parquet:"status_category,optional"`
	IsOverdue      bool     `parquet:"is_overdue"`
	Delivers       []string `parquet:"delivers,list"`
}

// ItemPersonRow is one row of item_people.
type ItemPersonRow struct {
	ItemID   string `parquet:"item_id"`
	PersonID string `parquet:"person_id"`
	Role     string `parquet:"role"`
}

// ItemOrgRow is one row of item_orgs.
type ItemOrgRow struct {
	ItemID       string `parquet:"item_id"`
	Org          string `parquet:"org"`
	OrgCanonical string `parquet:"org_canonical"`
}

// ItemRefRow is one row of item_refs.
type ItemRefRow struct {
	ItemID string `parquet:"item_id"`
	Ref    string `parquet:"ref"`
}

// PersonRow is one row of people.
type PersonRow struct {
	PersonID string   `parquet:"person_id"`
	Name     string   `parquet:"name"`
	Variants []string `parquet:"variants,list"`
	DocIDs   []string `parquet:"doc_ids,list"`
}

// LinkRow is one row of links.
type LinkRow struct {
	LinkID    string  `parquet:"link_id"`
	SrcItemID string  `parquet:"src_item_id"`
	DstItemID string  `parquet:"dst_item_id"`
	Relation  string  `parquet:"relation"`
	Score     float64 `parquet:"score"`
	Method    string  `parquet:"method"`
	Evidence  string  `parquet:"evidence"`
	Review    string  `parquet:"review"`
}

// CellRow is one row of cells.
type CellRow struct {
	DocID      string `parquet:"doc_id"`
	TableIndex int32  `parquet:"table_index"`
	Page       *int32 `parquet:"page,optional"`
	Row        int32  `parquet:"row"`
	Col        int32  `parquet:"col"`
	RowSpan    int32  `parquet:"row_span"`
	ColSpan    int32  `parquet:"col_span"`
	IsHeader   bool   `parquet:"is_header"`
	Text       string `parquet:"text"`
}

// CoverageRow is one row of coverage.
type CoverageRow struct {
	FindingID string   `parquet:"finding_id"`
	DocID     string   `parquet:"doc_id"`
	LocalArea *string  `parquet:"local_area,optional"`
	Key       string   `parquet:"key"`
	Text      string   `parquet:"text"`
	Actions   int32    `parquet:"actions"`
	ActionIDs []string `parquet:"action_ids,list"`
	Accepted  int32    `parquet:"accepted"`
	Status    string   `parquet:"status"`
}

// ConflictRow is one row of conflicts.
type ConflictRow struct {
	LinkID    string  `parquet:"link_id"`
	SrcItemID string  `parquet:"src_item_id"`
	DstItemID string  `parquet:"dst_item_id"`
	Field     string  `parquet:"field"`
	SrcValue  *string `parquet:"src_value,optional"`
	DstValue  *string `parquet:"dst_value,optional"`
}

// ChangeRow is one row of changes.
type ChangeRow struct {
	OldDocID  string  `parquet:"old_doc_id"`
	NewDocID  string  `parquet:"new_doc_id"`
	OldItemID *string `parquet:"old_item_id,optional"`
	NewItemID *string `parquet:"new_item_id,optional"`
	Key       string  `parquet:"key"`
	Kind      string  `parquet:"kind"`
	Change    string  `parquet:"change"`
	Field     *string `parquet:"field,optional"`
	Before    *string `parquet:"before,optional"`
	After     *string `parquet:"after,optional"`
}
