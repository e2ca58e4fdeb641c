//go:build unix

package batch

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestEveryInputHasItsRow: a misnamed copy listed first does not hide the
// document it copies, a second copy gets a duplicate row naming the first,
// symbolic links are followed (a loop and a broken link reported), and a
// FIFO is a failed row, not a hang or a gap.
func TestEveryInputHasItsRow(t *testing.T) {
	dir := t.TempDir()
	docs := mkdir(t, dir, "docs")
	plan, err := os.ReadFile(filepath.Join("..", "cmd", "sendrecon", "testdata", "area", "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	misnamed := filepath.Join(dir, "plan.html")
	for _, p := range []string{misnamed, filepath.Join(docs, "a-plan.md"), filepath.Join(docs, "b-copy.md")} {
		if err := os.WriteFile(p, plan, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sub := mkdir(t, docs, "sub")
	for link, target := range map[string]string{
		filepath.Join(sub, "up"):          "..",
		filepath.Join(docs, "broken.md"):  "nowhere.md",
		filepath.Join(docs, "self.md"):    "self.md",
		filepath.Join(sub, "linked.md"):   filepath.Join("..", "a-plan.md"),
		filepath.Join(docs, "c-other.md"): filepath.Join(dir, "plan.html"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	fifo := filepath.Join(docs, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runBatch(t, out, []string{misnamed, docs})

	rows, err := duck(t).Query(`SELECT d.source_path, d.status, coalesce(d.error, ''), (SELECT count(*) FROM read_parquet($2) i WHERE i.doc_id = d.doc_id)
		FROM read_parquet($1) d`, filepath.Join(out, "documents.parquet"), filepath.Join(out, "items.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type row struct {
		status, err string
		items       int
	}
	got := map[string]row{}
	for rows.Next() {
		var p string
		var r row
		if err := rows.Scan(&p, &r.status, &r.err, &r.items); err != nil {
			t.Fatal(err)
		}
		if _, twice := got[p]; twice {
			t.Errorf("%s: two rows", p)
		}
		got[p] = r
	}
	if r := got[filepath.Join(docs, "a-plan.md")]; r.status != "ok" || r.items == 0 {
		t.Errorf("a-plan.md: %+v, want ok with items despite its misnamed copy listed first", r)
	}
	if r := got[filepath.Join(docs, "b-copy.md")]; r.status != "duplicate" || !strings.Contains(r.err, "a-plan.md") {
		t.Errorf("b-copy.md: %+v, want a duplicate naming a-plan.md", r)
	}
	for _, p := range []string{"broken.md", "self.md", "pipe.pdf", filepath.Join("sub", "up")} {
		if r := got[filepath.Join(docs, p)]; r.status != "failed" || !strings.Contains(r.err, p) {
			t.Errorf("%s: %+v, want a failed row naming it", p, r)
		}
	}
	if r := got[filepath.Join(docs, "sub", "up")]; !strings.Contains(r.err, "loop") {
		t.Errorf("sub/up: %+v, want the loop named", r)
	}
	if r := got[filepath.Join(sub, "linked.md")]; r.status != "duplicate" {
		t.Errorf("sub/linked.md (a link to a-plan.md): %+v, want a duplicate row", r)
	}
	t.Logf("plan.html (markdown named .html): %+v", got[misnamed])
}
