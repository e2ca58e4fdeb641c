package pdflayout

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRowCutClosed reads a wkhtmltopdf printing that leaves a gap across
// every cell of a row at one height (its cut of the long canvas): the
// lines either side read on as one paragraph, as the chromium printing of
// the same page has them.
func TestRowCutClosed(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "hull-send-plan-2024", "hull-send-plan-2024.wkhtmltopdf.pdf")
	doc := extractFile(t, path)
	want := []string{
		"Measure the impact of strategic actions of the Local Area Partnership (LAP)",
		"Communicate transparently agreed timescales for service responses",
		"Customer service feedback week 6/week 16/week 20.",
	}
	tables := doc.Tables()
	if len(tables) == 0 {
		t.Fatal("no tables")
	}
	for _, w := range want {
		found := false
		for _, c := range tables[0].Cells {
			if strings.HasPrefix(c.Text, w) {
				found = true
				if len(c.Lines) != 1 {
					t.Errorf("cell %q read as %d lines, want 1", c.Text, len(c.Lines))
				}
			}
		}
		if !found {
			t.Errorf("no cell begins %q", w)
		}
	}
}
