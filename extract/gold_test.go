package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// sharedDir finds the shared corpus and gold: $SENDRECON_SHARED, else
// ../shared beside the repository. Tests that need it skip without it.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SENDRECON_SHARED")
	if dir == "" {
		root, err := filepath.Abs("..")
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(root)
			if parent == root {
				t.Skip("repository root not found")
			}
			root = parent
		}
		dir = filepath.Join(root, "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "gold", "tables")); err != nil {
		t.Skipf("no shared gold tables: %v", err)
	}
	return dir
}

// TestHTMLTablesMatchGold reads every corpus HTML and compares its tables,
// cell by cell, with the gold grids the scorer derives from the same HTML.
func TestHTMLTablesMatchGold(t *testing.T) {
	shared := sharedDir(t)
	golds, err := filepath.Glob(filepath.Join(shared, "gold", "tables", "*.json"))
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold tables in %s: %v", shared, err)
	}
	totalCells, matched := 0, 0
	for _, goldPath := range golds {
		docID := strings.TrimSuffix(filepath.Base(goldPath), ".json")
		t.Run(docID, func(t *testing.T) {
			data, err := os.ReadFile(goldPath)
			if err != nil {
				t.Fatal(err)
			}
			var gold struct {
				Tables []layout.Table `json:"tables"`
			}
			if err := json.Unmarshal(data, &gold); err != nil {
				t.Fatalf("%s: %v", goldPath, err)
			}
			doc, err := File(context.Background(), filepath.Join(shared, "corpus", docID, "source.html"), DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Tables()
			if len(got) != len(gold.Tables) {
				t.Errorf("%d tables, gold has %d", len(got), len(gold.Tables))
			}
			for i := range min(len(got), len(gold.Tables)) {
				n, diffs := compareTable(got[i], &gold.Tables[i])
				totalCells += len(gold.Tables[i].Cells)
				matched += n
				for _, d := range diffs {
					t.Errorf("table %d: %s", i, d)
				}
			}
		})
	}
	t.Logf("%d of %d gold cells matched exactly", matched, totalCells)
}

// compareTable returns how many of want's cells got has exactly, and a line
// per difference (the first few of each table).
func compareTable(got, want *layout.Table) (int, []string) {
	var diffs []string
	if got.Rows != want.Rows || got.Cols != want.Cols {
		diffs = append(diffs, fmt.Sprintf("grid %d×%d, gold %d×%d", got.Rows, got.Cols, want.Rows, want.Cols))
	}
	type key struct{ row, col int }
	have := make(map[key]layout.Cell)
	for _, c := range got.Cells {
		have[key{c.Row, c.Col}] = c
	}
	matched := 0
	for _, w := range want.Cells {
		g, ok := have[key{w.Row, w.Col}]
		delete(have, key{w.Row, w.Col})
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("missing cell [%d,%d] %q", w.Row, w.Col, w.Text))
		case g.RowSpan != w.RowSpan || g.ColSpan != w.ColSpan || g.Header != w.Header || g.Text != w.Text:
			diffs = append(diffs, fmt.Sprintf("cell [%d,%d]:\n got  %dx%d header=%v %q\n gold %dx%d header=%v %q",
				w.Row, w.Col, g.RowSpan, g.ColSpan, g.Header, g.Text, w.RowSpan, w.ColSpan, w.Header, w.Text))
		default:
			matched++
		}
	}
	for k, c := range have {
		diffs = append(diffs, fmt.Sprintf("extra cell [%d,%d] %q", k.row, k.col, c.Text))
	}
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("... and %d more differences", len(diffs)-5))
	}
	return matched, diffs
}

// TestHTMLTitlesMatchGold checks that the title we pick is the one a person
// picked for each corpus document.
func TestHTMLTitlesMatchGold(t *testing.T) {
	shared := sharedDir(t)
	golds, err := filepath.Glob(filepath.Join(shared, "gold", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, goldPath := range golds {
		data, err := os.ReadFile(goldPath)
		if err != nil {
			t.Fatal(err)
		}
		var gold struct {
			DocID string `json:"doc_id"`
			Title string `json:"title"`
		}
		if json.Unmarshal(data, &gold) != nil || gold.DocID == "" {
			continue // links.json and other files that are not a document's key
		}
		t.Run(gold.DocID, func(t *testing.T) {
			doc, err := File(context.Background(), filepath.Join(shared, "corpus", gold.DocID, "source.html"), DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != gold.Title {
				t.Errorf("title %q, gold %q", doc.Title, gold.Title)
			}
		})
	}
}
