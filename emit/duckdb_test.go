package emit

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/internal/testduck"
)

// These tests read what the Writer wrote with DuckDB, as the data team does,
// rather than with the library that wrote it.

func openDuckDB(t *testing.T) *sql.DB { return testduck.Open(t) }

func queryStrings(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// duckType is the type DuckDB reports for a column of type t.
var duckType = map[Type]string{
	String: "VARCHAR", StringList: "VARCHAR[]", Date: "DATE", Int32: "INTEGER", Bool: "BOOLEAN", Double: "DOUBLE",
}

// wantDescribe is "name TYPE REQUIRED|OPTIONAL", one per column of t.
func wantDescribe(t Table) []string {
	var out []string
	for _, c := range t.Columns {
		rep := "REQUIRED"
		if c.Nullable {
			rep = "OPTIONAL"
		}
		out = append(out, c.Name+" "+duckType[c.Type]+" "+rep)
	}
	return out
}

// describe is what DuckDB says of every top-level column of a file: its
// type from DESCRIBE and its repetition from parquet_schema.
func describe(t *testing.T, db *sql.DB, path string) []string {
	t.Helper()
	types := queryStrings(t, db, `SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))`, path)
	reps := topLevelRepetitions(t, db, path)
	if len(types) != len(reps) {
		t.Fatalf("%s: DESCRIBE has %d columns, parquet_schema %d", path, len(types), len(reps))
	}
	for i := range types {
		types[i] += " " + reps[i]
	}
	return types
}

// topLevelRepetitions walks parquet_schema's depth-first listing and keeps
// the repetition of the root's children only.
func topLevelRepetitions(t *testing.T, db *sql.DB, path string) []string {
	t.Helper()
	rows := queryStrings(t, db, `SELECT coalesce(repetition_type, '') || ' ' || coalesce(num_children, 0) FROM parquet_schema(?)`, path)
	var out []string
	// pending counts the schema elements still to visit under each open group.
	var pending []int
	for i, r := range rows {
		rep, children, _ := strings.Cut(r, " ")
		if len(pending) == 1 {
			out = append(out, rep)
		}
		if len(pending) > 0 {
			pending[len(pending)-1]--
		}
		if n := atoi(children); n > 0 || i == 0 {
			pending = append(pending, n)
		}
		for len(pending) > 0 && pending[len(pending)-1] == 0 {
			pending = pending[:len(pending)-1]
		}
	}
	return out
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDuckDBReadsEveryTable(t *testing.T) {
	db := openDuckDB(t)
	for _, tc := range []struct {
		name  string
		batch batch
	}{
		{"full batch", sampleBatch()},
		{"empty run", batch{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w, err := Create(dir, Options{RowGroupRows: 2})
			if err != nil {
				t.Fatal(err)
			}
			tc.batch.write(t, w)
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			for _, tb := range Schema {
				path := filepath.Join(dir, tb.File())
				if got, want := describe(t, db, path), wantDescribe(tb); !slices.Equal(got, want) {
					t.Errorf("%s columns:\n got %q\nwant %q", tb.Name, got, want)
				}
			}
		})
	}
}

func TestDuckDBReadsRowsBack(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, Options{RowGroupRows: 2, Compression: "snappy"})
	if err != nil {
		t.Fatal(err)
	}
	sampleBatch().write(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// to_json shows nulls, lists and dates as DuckDB understood them.
	want := map[string][]string{
		"documents": {
			`{"doc_id":"d1","source_path":"corpus/kent/plan.pdf","source_format":"pdf","sha256":"ab12","title":"Kent SEND plan","local_area":"Kent","doc_type":"action_plan","roles":["policy","inspection"],"page_count":12,"period_start":"2023-01-01","period_end":"2023-12-31","status":"partial","error":"page 3: bad xref","edition_id":"d1","doc_date":"2023-02-01"}`,
			`{"doc_id":"d2","source_path":"corpus/leeds/source.html","source_format":"html","sha256":"cd34","title":"Leeds strategy","local_area":null,"doc_type":null,"roles":[],"page_count":null,"period_start":null,"period_end":null,"status":"ok","error":null,"edition_id":"d2","doc_date":null}`,
		},
		"items": {
			`{"item_id":"d1:1","doc_id":"d1","kind":"priority","key":"1","parent_key":null,"objective":null,"text":"Early help","leads":[],"lead_orgs":[],"timescale":null,"start_date":null,"due_date":null,"start_precision":null,"due_precision":null,"status":null,"refs":[],"measures":[],"outcomes":[],"rationale":[],"milestones":[],"progress":[],"page":null,"flags":[],"local_area":"Kent","status_category":null,"is_overdue":false,"delivers":[]}`,
			`{"item_id":"d1:1.1","doc_id":"d1","kind":"action","key":"1.1","parent_key":"1","objective":"Early help","text":"Publish the local offer","leads":["Jo Bloggs","Head of SEND"],"lead_orgs":["KCC"],"timescale":"April 2023 - 2023","start_date":"2023-04-01","due_date":"2023-12-31","start_precision":"month","due_precision":"year","status":"On track","refs":["AFI2"],"measures":["m1"],"outcomes":["o1"],"rationale":["r1"],"milestones":["ms1","ms2"],"progress":["p1"],"page":4,"flags":["no_lead","overdue"],"local_area":"Kent","status_category":"on_track","is_overdue":true,"delivers":[]}`,
			`{"item_id":"d2:AFI2","doc_id":"d2","kind":"finding","key":"AFI2","parent_key":null,"objective":null,"text":"Waiting times","leads":[],"lead_orgs":[],"timescale":null,"start_date":null,"due_date":null,"start_precision":null,"due_precision":null,"status":null,"refs":[],"measures":[],"outcomes":[],"rationale":[],"milestones":[],"progress":[],"page":null,"flags":[],"local_area":null,"status_category":null,"is_overdue":false,"delivers":[]}`,
		},
		"people": {
			`{"person_id":"p1","name":"Jo Bloggs","variants":["J. Bloggs"],"doc_ids":["d1","d2"]}`,
			`{"person_id":"p2","name":"Sam Smith","variants":[],"doc_ids":[]}`,
		},
		"links": {
			`{"link_id":"l1","src_item_id":"d1:1.1","dst_item_id":"d2:AFI2","relation":"addresses","score":0.75,"method":"explicit_ref","evidence":"cites AFI2","review":"proposed"}`,
		},
		"cells": {
			`{"doc_id":"d1","table_index":0,"page":4,"row":0,"col":0,"row_span":1,"col_span":2,"is_header":true,"text":"Action"}`,
			`{"doc_id":"d1","table_index":0,"page":4,"row":1,"col":0,"row_span":1,"col_span":1,"is_header":false,"text":"Publish\nthe offer"}`,
			`{"doc_id":"d1","table_index":0,"page":null,"row":1,"col":1,"row_span":1,"col_span":1,"is_header":false,"text":""}`,
		},
		"coverage": {
			`{"finding_id":"d2:AFI2","doc_id":"d2","local_area":"Leeds","key":"AFI2","text":"Waiting times","actions":1,"action_ids":["d1:1.1"],"accepted":0,"status":"partly_covered"}`,
			`{"finding_id":"d2:AFI3","doc_id":"d2","local_area":null,"key":"AFI3","text":"Transitions","actions":0,"action_ids":[],"accepted":0,"status":"gap"}`,
		},
		"conflicts": {
			`{"link_id":"l1","src_item_id":"d1:1.1","dst_item_id":"d2:AFI2","field":"lead","src_value":"Jo Bloggs","dst_value":null}`,
		},
		"item_people": {`{"item_id":"d1:1.1","person_id":"p1","role":"lead"}`},
		"item_orgs":   {`{"item_id":"d1:1.1","org":"KCC","org_canonical":"KCC"}`},
		"item_refs":   {`{"item_id":"d1:1.1","ref":"AFI2"}`},
		"changes": {
			`{"old_doc_id":"d1","new_doc_id":"d3","old_item_id":null,"new_item_id":"d3:1.2","key":"1.2","kind":"action","change":"added","field":null,"before":null,"after":"New action"}`,
			`{"old_doc_id":"d1","new_doc_id":"d3","old_item_id":"d1:1.1","new_item_id":"d3:1.1","key":"1.1","kind":"action","change":"modified","field":"due_date","before":"2023-12-31","after":"2024-03-31"}`,
		},
	}
	db := openDuckDB(t)
	for _, tb := range Schema {
		path := filepath.Join(dir, tb.File())
		got := queryStrings(t, db, `SELECT to_json(t)::VARCHAR FROM read_parquet(?) AS t`, path)
		if !slices.Equal(got, want[tb.Name]) {
			t.Errorf("%s rows:\n got %s\nwant %s", tb.Name, strings.Join(got, "\n    "), strings.Join(want[tb.Name], "\n    "))
		}
	}

	// Lists are lists to SQL, and dates are dates: they work in functions,
	// not just in printing.
	for _, tc := range []struct {
		name, file, query string
		want              []string
	}{
		{"len of roles", "documents", `SELECT doc_id || ' ' || len(roles) FROM read_parquet(?) ORDER BY doc_id`, []string{"d1 2", "d2 0"}},
		{"unnest leads", "items", `SELECT unnest(leads) FROM read_parquet(?) ORDER BY 1`, []string{"Head of SEND", "Jo Bloggs"}},
		{"date arithmetic", "items", `SELECT (due_date - start_date)::VARCHAR FROM read_parquet(?) WHERE due_date IS NOT NULL`, []string{"274"}},
		{"row groups flushed every 2 rows", "items", `SELECT count(DISTINCT row_group_id)::VARCHAR FROM parquet_metadata(?)`, []string{"2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := queryStrings(t, db, tc.query, filepath.Join(dir, tc.file+".parquet"))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}

	var due time.Time
	if err := db.QueryRow(`SELECT due_date FROM read_parquet(?) WHERE item_id = 'd1:1.1'`, filepath.Join(dir, "items.parquet")).Scan(&due); err != nil {
		t.Fatal(err)
	}
	if want := day(2023, 12, 31); !due.Equal(want) {
		t.Errorf("due_date scans as %v, want %v", due, want)
	}
}
