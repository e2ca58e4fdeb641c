package pdflayout

import (
	"path/filepath"
	"testing"
)

// TestInsetFillsAreNotRules reads a LibreOffice printing whose ruled
// tables paint some header cells' backgrounds as their paragraphs' (one
// line tall, inset from the cell's rules): those edges cut no row, so each
// table's header is one row, all its cells in it.
func TestInsetFillsAreNotRules(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "middlesbrough-send-progress-2020", "middlesbrough-send-progress-2020.libreoffice.pdf")
	doc := extractFile(t, path)
	found := 0
	for _, tb := range doc.Tables() {
		for _, c := range tb.Cells {
			if c.Text != "What difference it has made" {
				continue
			}
			found++
			if c.Row != 0 || c.RowSpan != 1 {
				t.Errorf("table %d: header cell %q at row %d spanning %d, want row 0 spanning 1", tb.Index, c.Text, c.Row, c.RowSpan)
			}
			for _, o := range tb.Cells {
				if o.Row == 0 && o.RowSpan != 1 {
					t.Errorf("table %d: header cell %q spans %d rows, want 1", tb.Index, o.Text, o.RowSpan)
				}
			}
		}
	}
	if found < 4 {
		t.Errorf("found %d progress tables' headers, want 4 or more", found)
	}
}
