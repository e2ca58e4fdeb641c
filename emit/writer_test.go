package emit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// files lists the names in dir, hidden ones included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func allTableFiles() []string {
	var out []string
	for _, tb := range Schema {
		out = append(out, tb.File())
	}
	return append(out, ManifestFile)
}

func TestCloseWritesEveryTableAndManifest(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.FixedZone("BST", 3600))
	config := map[string]any{"workers": 4, "lexicon": "council.toml"}
	w, err := Create(dir, Options{Version: "1.2.3", Config: config, Now: fixedClock(start),
		AsOf: day(2025, 3, 1), AsOfDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	sampleBatch().write(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := files(t, dir)
	want := allTableFiles()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("folder holds %q, want %q", got, want)
	}

	raw, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	wantM := Manifest{
		Tool: "sendrecon", Version: "1.2.3",
		Started: start.UTC(), Finished: start.Add(time.Minute).UTC(),
		// printf '%s' '{"lexicon":"council.toml","workers":4}' | sha256sum
		ConfigDigest: "sha256:88e60135fccfa2cdcd4e52e30912f5f8ce35431603ad6e31fce44a36d0cfd9fe",
		Config:       json.RawMessage(`{"lexicon":"council.toml","workers":4}`),
		// d1 states its own date, which its actions were judged against.
		AsOf: "2025-03-01", AsOfMode: "document",
		Inputs: []Input{
			{DocID: "d1", Path: "corpus/kent/plan.pdf", SHA256: "ab12", Status: "partial", Error: "page 3: bad xref", AsOf: "2023-02-01"},
			{DocID: "d2", Path: "corpus/leeds/source.html", SHA256: "cd34", Status: "ok"},
		},
		Tables: []TableCount{
			{"documents", "documents.parquet", 2}, {"items", "items.parquet", 3},
			{"people", "people.parquet", 2}, {"links", "links.parquet", 1},
			{"cells", "cells.parquet", 3}, {"coverage", "coverage.parquet", 2},
			{"conflicts", "conflicts.parquet", 1}, {"item_people", "item_people.parquet", 1},
			{"item_orgs", "item_orgs.parquet", 1}, {"item_refs", "item_refs.parquet", 1},
			{"changes", "changes.parquet", 2},
		},
	}
	// The manifest indents config; the digest is of its compact form.
	var compact bytes.Buffer
	if err := json.Compact(&compact, m.Config); err != nil {
		t.Fatal(err)
	}
	m.Config = compact.Bytes()
	if !reflect.DeepEqual(m, wantM) {
		t.Errorf("manifest:\n got %s\nwant %s", asJSON(m), asJSON(wantM))
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sampleBatch().write(t, w)
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("after Abort the folder holds %q", got)
	}
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"second Abort", w.Abort, ""},
		{"Close after Abort", w.Close, "emit: writer is closed"},
		{"Add after Abort", func() error { return w.AddPeople([]normalize.Person{{ID: "p", Name: "N"}}) }, "emit people: writer is closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if got := fmt.Sprint(err); tc.want == "" && err != nil || tc.want != "" && got != tc.want {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if tc.want != "" && !errors.Is(err, ErrClosed) {
				t.Errorf("error %v is not ErrClosed", err)
			}
		})
	}
}

func TestAbortAfterCloseKeepsTheOutput(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := len(files(t, dir)); got != len(Schema)+1 {
		t.Errorf("folder holds %d files after Close and Abort, want %d", got, len(Schema)+1)
	}
}

func TestCreateInUnwritableFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "out")
	_, err := Create(dir, Options{})
	var e *Error
	if !errors.As(err, &e) || e.Path != dir {
		t.Fatalf("error %v, want an *Error about %s", err, dir)
	}
	if want := "emit " + dir + ": mkdir " + file + ": not a directory"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestCreateRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"unknown compression", Options{Compression: "lz4"}, `emit: compression "lz4": want zstd or snappy`},
		{"negative row group", Options{RowGroupRows: -1}, "emit: row group rows -1: want a positive number"},
		{"config that is not JSON", Options{Config: func() {}}, "emit manifest.json column config: json: unsupported type: func()"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			_, err := Create(dir, tc.opts)
			if fmt.Sprint(err) != tc.want {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if _, statErr := os.Stat(dir); !errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("bad options still made the folder (%v)", statErr)
			}
		})
	}
}

// A folder in the way of items.parquet makes its rename fail after
// documents.parquet was renamed: Close must report items and take
// documents back out, leaving only what was there before.
func TestCloseFailureLeavesNoTables(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "items.parquet")
	if err := os.MkdirAll(filepath.Join(blocker, "part-0"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, ManifestFile)
	if err := os.WriteFile(old, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sampleBatch().write(t, w)
	err = w.Close()
	var e *Error
	if !errors.As(err, &e) || e.Table != "items" || e.Path != blocker {
		t.Fatalf("Close error %v, want an *Error for table items at %s", err, blocker)
	}
	if !strings.HasPrefix(err.Error(), "emit items "+blocker+": rename ") {
		t.Errorf("Close error %q does not start by naming the table and file", err)
	}
	if got := files(t, dir); !slices.Equal(got, []string{"items.parquet"}) {
		t.Errorf("after a failed Close the folder holds %q, want only the blocking folder", got)
	}
}

func TestRejectedRowsAreReportedAndSkipped(t *testing.T) {
	good := sampleBatch()
	doc := good.results[1].Document
	item := good.results[1].Items[0]
	for _, tc := range []struct {
		name    string
		add     func(w *Writer) error
		wantErr string
		wantIs  error
		table   string
		rows    int // rows of table written
	}{
		{
			name:    "document without a title",
			add:     func(w *Writer) error { d := doc; d.Title = ""; return w.AddDocument(d) },
			wantErr: "emit documents row 0 (doc_id d2) column title: required value is empty",
			wantIs:  ErrEmpty, table: "documents",
		},
		{
			name:    "unknown format",
			add:     func(w *Writer) error { d := doc; d.Format = "docx"; return w.AddDocument(d) },
			wantErr: `emit documents row 0 (doc_id d2) column source_format: value not allowed: "docx", want one of pdf, html, text`,
			wantIs:  ErrNotAllowed, table: "documents",
		},
		{
			name: "second of three items lacks text",
			add: func(w *Writer) error {
				bad := item
				bad.ID, bad.Text = "d2:X", ""
				return w.AddItems([]normalize.Item{item, bad, item})
			},
			wantErr: "emit items row 1 (item_id d2:X) column text: required value is empty",
			wantIs:  ErrEmpty, table: "items", rows: 2,
		},
		{
			name: "two bad items, both reported",
			add: func(w *Writer) error {
				a, b := item, item
				a.Kind, b.Due = "goal", normalize.Date{Time: day(2024, 1, 1), Precision: "week"}
				return w.AddItems([]normalize.Item{a, b})
			},
			wantErr: `emit items row 0 (item_id d2:AFI2) column kind: value not allowed: "goal", want one of priority, action, finding, outcome, indicator` + "\n" +
				`emit items row 1 (item_id d2:AFI2) column due_precision: value not allowed: "week", want one of year, quarter, month, day`,
			wantIs: ErrNotAllowed, table: "items",
		},
		{
			name:    "item on a negative page",
			add:     func(w *Writer) error { it := item; it.Page = -1; return w.AddItems([]normalize.Item{it}) },
			wantErr: "emit items row 0 (item_id d2:AFI2) column page: value out of range: -1",
			wantIs:  ErrOutOfRange, table: "items",
		},
		{
			name: "link without evidence",
			add: func(w *Writer) error {
				l := good.links[0]
				l.Evidence = ""
				return w.AddLinks([]reconcile.Link{l})
			},
			wantErr: "emit links row 0 (link_id l1) column evidence: required value is empty",
			wantIs:  ErrEmpty, table: "links",
		},
		{
			name: "coverage with an unknown status",
			add: func(w *Writer) error {
				c := good.coverage[0]
				c.Status = "covered?"
				return w.AddCoverage([]reconcile.Coverage{c})
			},
			wantErr: `emit coverage row 0 (finding_id d2:AFI2) column status: value not allowed: "covered?", want one of covered, partly_covered, gap`,
			wantIs:  ErrNotAllowed, table: "coverage",
		},
		{
			name:  "blank cell is kept",
			add:   func(w *Writer) error { return w.AddCells("d1", good.tables["d1"]) },
			table: "cells", rows: 3,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w, err := Create(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = tc.add(w)
			if fmt.Sprint(err) != fmt.Sprint(errorOrNil(tc.wantErr)) {
				t.Errorf("error:\n%v\nwant:\n%s", err, tc.wantErr)
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("error %v is not %v", err, tc.wantIs)
			}
			if rows, rest := Refused(err); tc.wantIs != nil && (len(rows) == 0 || rest != nil) {
				t.Errorf("Refused(%v) = %d rows, rest %v; want the refused rows and no rest", err, len(rows), rest)
			}
			if err := w.Close(); err != nil {
				t.Fatalf("a rejected row broke Close: %v", err)
			}
			if got := rowsIn(t, filepath.Join(dir, tc.table+".parquet")); got != tc.rows {
				t.Errorf("%s holds %d rows, want %d", tc.table, got, tc.rows)
			}
		})
	}
}

func errorOrNil(s string) error {
	if s == "" {
		return nil
	}
	return errors.New(s)
}

func rowsIn(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return int(pf.NumRows())
}

func TestConcurrentAdds(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, Options{RowGroupRows: 64})
	if err != nil {
		t.Fatal(err)
	}
	const workers, perWorker = 8, 250
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			items := make([]normalize.Item, perWorker)
			for i := range items {
				items[i] = normalize.Item{ID: fmt.Sprintf("d%d:%d", g, i), DocID: fmt.Sprintf("d%d", g), Kind: "action", Key: "k", Text: "t"}
			}
			if err := w.AddItems(items); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := rowsIn(t, filepath.Join(dir, "items.parquet")); got != workers*perWorker {
		t.Errorf("items holds %d rows, want %d", got, workers*perWorker)
	}
}

func TestRefusedKeepsWriteFailures(t *testing.T) {
	row := &Error{Table: "items", Row: 3, Column: "text", Err: ErrEmpty}
	write := fileError("items", "items.parquet.tmp", errors.New("disk full"))
	rows, rest := Refused(errors.Join(row, errors.Join(write)))
	if len(rows) != 1 || rows[0] != row {
		t.Errorf("rows = %v, want the one refused row", rows)
	}
	if !errors.Is(rest, write) || errors.Is(rest, ErrEmpty) {
		t.Errorf("rest = %v, want only the write failure", rest)
	}
	if rows, rest := Refused(nil); rows != nil || rest != nil {
		t.Errorf("Refused(nil) = %v, %v", rows, rest)
	}
}
