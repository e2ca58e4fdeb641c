package pdflayout

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDrawnBulletBesideCell reads a wkhtmltopdf printing that draws its
// list bullets as dots: a dot at the start of a cell's line is a bullet
// even where the cell to its left has text on that line, a gutter away.
func TestDrawnBulletBesideCell(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "herts-priority-action-plan-2024", "herts-priority-action-plan-2024.wkhtmltopdf.pdf")
	doc := extractFile(t, path)
	for _, tb := range doc.Tables() {
		for _, c := range tb.Cells {
			if !strings.HasPrefix(c.Text, "Dataset and definitions agreed") {
				continue
			}
			var items []string
			for _, l := range c.Lines {
				if !l.Bullet {
					t.Errorf("line %q is no bullet", l.Text)
				}
				items = append(items, l.Text)
			}
			if len(items) != 3 {
				t.Errorf("milestones %q, want 3 items", items)
			}
			return
		}
	}
	t.Error("milestones cell not found")
}
