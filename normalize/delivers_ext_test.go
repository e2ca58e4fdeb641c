package normalize_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/sendrecon/sendrecon/internal/golden"
)

// TestDeliversColumns reads a plan that maps its areas to its SEND
// strategy's priorities in a table after them, cross-reference column
// first, by title and by labelled numbers, and whose second action table
// carries a strategy column of its own: each finding gets what its row
// names, each action of that table its cell, and no mapping row is an item.
func TestDeliversColumns(t *testing.T) {
	res, got := explainFile(t, filepath.Join("testdata", "delivers", "plan.html"), "plan.html")
	want := map[string][]string{
		"finding PA1":   {"Leaders working as one partnership"},
		"finding AFI1":  {"Priority 3: EHC plans on time", "Priority 1: Listening to families"},
		"action AFI1.1": {"Priority 3: EHC plans on time"},
		"action AFI1.2": {"2 and 3"},
		"action PA1.1":  nil,
	}
	seen := map[string]bool{}
	for _, it := range res.Items {
		k := string(it.Kind) + " " + it.Key
		seen[k] = true
		if w, ok := want[k]; ok && !slices.Equal(it.Delivers, w) {
			t.Errorf("%s delivers %q, want %q", k, it.Delivers, w)
		}
		if len(it.Refs) > 0 && it.Kind == "finding" {
			t.Errorf("%s has refs %q: what it delivers is no reference of its own", k, it.Refs)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("no %s", k)
		}
	}
	if len(res.Items) != 6 {
		t.Errorf("%d items, want 6 (a mapping row is no item)", len(res.Items))
	}
	golden.Check(t, filepath.Join("testdata", "delivers", "plan.txt"), got)
}
