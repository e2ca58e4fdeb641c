package batch

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestCorpusJoins runs every corpus document and checks, with DuckDB, that
// every input has exactly one documents row and that no item, cell or
// link refers to a document or item the tables lack.
func TestCorpusJoins(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	var files []string
	for _, pattern := range []string{"../../shared/corpus/*/*.pdf", "../../shared/corpus/*/*.html"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no corpus in ../../shared/corpus")
	}
	out := filepath.Join(t.TempDir(), "out")
	sum := runBatch(t, out, files)
	if sum.Documents != len(files) {
		t.Errorf("summary counts %d documents for %d inputs", sum.Documents, len(files))
	}
	db := duck(t)
	table := func(name string) string {
		return fmt.Sprintf("read_parquet('%s')", filepath.Join(out, name+".parquet"))
	}
	checks := []struct{ what, query string }{
		{"inputs without exactly one documents row", fmt.Sprintf(
			`SELECT count(*) FROM (SELECT unnest(?::VARCHAR[]) AS p) i LEFT JOIN (SELECT source_path, count(*) n FROM %s GROUP BY 1) d ON d.source_path = i.p WHERE coalesce(d.n, 0) <> 1`, table("documents"))},
		{"items of a document without a row", fmt.Sprintf(
			`SELECT count(*) FROM %s i ANTI JOIN %s d USING (doc_id)`, table("items"), table("documents"))},
		{"cells of a document without a row", fmt.Sprintf(
			`SELECT count(*) FROM %s c ANTI JOIN %s d USING (doc_id)`, table("cells"), table("documents"))},
		{"links to an item without a row", fmt.Sprintf(
			`SELECT count(*) FROM %s l WHERE src_item_id NOT IN (SELECT item_id FROM %[2]s) OR dst_item_id NOT IN (SELECT item_id FROM %[2]s)`, table("links"), table("items"))},
	}
	var given int
	if err := db.QueryRow(`SELECT count(*) FROM (SELECT unnest(?::VARCHAR[]))`, files).Scan(&given); err != nil || given != len(files) {
		t.Fatalf("DuckDB sees %d of the %d inputs: %v", given, len(files), err)
	}
	for _, c := range checks {
		var n int
		var err error
		if c.what == checks[0].what {
			err = db.QueryRow(c.query, files).Scan(&n)
		} else {
			err = db.QueryRow(c.query).Scan(&n)
		}
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, c.what)
		}
	}
}
