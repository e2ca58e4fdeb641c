package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/sendrecon/sendrecon/internal/hostile"
	"github.com/sendrecon/sendrecon/internal/sample"
	"github.com/sendrecon/sendrecon/internal/testduck"
)

// TestHostileInputs runs the crafted files of internal/hostile (object
// streams holding themselves, reference and page-tree cycles, a
// decompression bomb, 10^8-object xrefs, deep nesting, NUL bytes) beside
// good documents, in worker processes: the batch ends by itself, every
// input has its documents row, each hostile one failed with its file named
// or read, and the good documents' rows are those of a clean run.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 256 MiB decompression bomb")
	}
	dir := t.TempDir()
	good := []string{
		sample.Copy(t, dir, "middlesbrough-send-progress-2020.html"),
		sample.Copy(t, dir, "middlesbrough-send-progress-2020.chromium.pdf"),
	}
	mds, _ := filepath.Glob(filepath.Join("..", "cmd", "sendrecon", "testdata", "area", "*.md"))
	good = append(good, mds...)
	bad := mkdir(t, dir, "hostile")
	var hostilePaths []string
	for _, f := range hostile.Files(256 << 20) {
		p := filepath.Join(bad, f.Name)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		hostilePaths = append(hostilePaths, p)
	}
	limits := func(b *Batch) {
		b.Config.Extract.Isolation = "process"
		b.Config.Extract.MaxSeconds = 10 // the hanging files cost this; good ones need far less, even on a loaded machine
		b.Config.Extract.MaxMemoryMB = 256
	}

	clean := filepath.Join(dir, "clean")
	runBatch(t, clean, good, limits)
	out := filepath.Join(dir, "out")
	mixed := append(slices.Clone(hostilePaths[:len(hostilePaths)/2]), good...)
	mixed = append(mixed, hostilePaths[len(hostilePaths)/2:]...)
	heap := sampleHeap()
	runBatch(t, out, mixed, limits)
	if peak := heap.done(); peak > 512<<20 {
		t.Errorf("peak heap %d MiB beside hostile inputs", peak>>20)
	}

	db := duck(t)
	rows, err := db.Query(`SELECT source_path, status, coalesce(error, ''), title FROM read_parquet(?)`,
		filepath.Join(out, "documents.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var path, status, msg, title string
		if err := rows.Scan(&path, &status, &msg, &title); err != nil {
			t.Fatal(err)
		}
		seen[path] = true
		if status == "failed" && !strings.Contains(msg, path) {
			t.Errorf("%s: error %q does not name the file", path, msg)
		}
		if strings.ContainsFunc(title, unicode.IsControl) {
			t.Errorf("%s: control characters in title %q", path, title)
		}
		t.Logf("%s: %s %s", filepath.Base(path), status, msg)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, p := range mixed {
		if !seen[p] {
			t.Errorf("%s: no documents row", p)
		}
	}
	var controls int
	if err := db.QueryRow(`SELECT count(*) FROM read_parquet(?) WHERE regexp_matches(text, '[\x00-\x08\x0b-\x1f\x7f]')`,
		filepath.Join(out, "items.parquet")).Scan(&controls); err != nil {
		t.Fatal(err)
	}
	if controls > 0 {
		t.Errorf("%d items with control characters in their text", controls)
	}
	// The good documents' rows are those of the clean run.
	for _, table := range []string{"documents", "items", "cells"} {
		var diff int
		q := `WITH a AS (SELECT * FROM read_parquet($1)), b AS (SELECT * FROM read_parquet($2) WHERE doc_id IN (SELECT doc_id FROM a))
			SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b)) + (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a))`
		if err := db.QueryRow(q, filepath.Join(clean, table+".parquet"), filepath.Join(out, table+".parquet")).Scan(&diff); err != nil {
			t.Fatal(err)
		}
		if diff != 0 {
			t.Errorf("%s: %d rows of good documents differ from a clean run", table, diff)
			_, rows := testduck.Query(t, db, `SELECT 'clean', * FROM (SELECT * FROM read_parquet($1) EXCEPT SELECT * FROM read_parquet($2))
				UNION ALL SELECT 'beside hostile', * FROM (SELECT * FROM read_parquet($2) WHERE doc_id IN (SELECT doc_id FROM read_parquet($1)) EXCEPT SELECT * FROM read_parquet($1))`,
				filepath.Join(clean, table+".parquet"), filepath.Join(out, table+".parquet"))
			for _, vals := range rows {
				t.Logf("%v", vals)
			}
		}
	}
	noTemporaries(t, out)
}
