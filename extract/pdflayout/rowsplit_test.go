package pdflayout

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSplitRowMissingLabel reads a wkhtmltopdf printing whose table of
// labelled rows ("Progress to date", "Intended Impact and Outcomes") has
// its last row broken by the page end between two paragraphs: the part
// on the next page has no label, and is the rest of that row, not a row of
// its own.
func TestSplitRowMissingLabel(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "notts-inspection-progress-2023", "notts-inspection-progress-2023.wkhtmltopdf.pdf")
	doc := extractFile(t, path)
	for _, tb := range doc.Tables() {
		for _, c := range tb.Cells {
			if !strings.HasPrefix(c.Text, "Leaders will gather accurate, timely information") {
				continue
			}
			if !strings.Contains(c.Text, "Leaders will jointly evaluate") {
				t.Errorf("outcomes cell %q lacks its part on the next page", c.Text)
			}
			if tb.Rows != 3 {
				t.Errorf("table %d has %d rows, want 3", tb.Index, tb.Rows)
			}
			return
		}
	}
	t.Error("no outcomes cell found")
}

// TestSplitRowRedrawnLine reads a wkhtmltopdf printing that draws the
// line a page break cuts through on both pages: the row joined across the
// break holds that line once.
func TestSplitRowRedrawnLine(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "hull-send-plan-2024", "hull-send-plan-2024.wkhtmltopdf.pdf")
	doc := extractFile(t, path)
	want := map[string]string{
		"Ensure the Local Offer provides": "Ensure the Local Offer provides comprehensive support and guidance to individuals and their families.",
		"Feedback from parents and young": "Feedback from parents and young people on the Local Offer - via surveys and other engagement methods.",
	}
	for _, tb := range doc.Tables() {
		for _, c := range tb.Cells {
			for prefix, w := range want {
				if strings.HasPrefix(c.Text, prefix) {
					if got := strings.Join(strings.Fields(c.Text), " "); got != w {
						t.Errorf("cell %q, want %q", got, w)
					}
					delete(want, prefix)
				}
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("cells not found: %v", want)
	}
}
