package pdflayout

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCentredRows reads a LibreOffice printing whose action tables have
// no rules and cells centred vertically in their rows: each action's row
// holds its own milestones only (not its neighbour's, which run past the
// gap between the rows), and the theme cell centred across two actions
// spans both rows. A row the page breaks is set from the top, and its
// rest, under the header repeated on the next page, joins it.
func TestCentredRows(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "herts-priority-action-plan-2024", "herts-priority-action-plan-2024.libreoffice.pdf")
	doc := extractFile(t, path)
	want := map[string]struct{ milestones, not string }{
		"AFI3.1": {"Common assessment criteria agreed", "Neurodiversity"},
		"AFI3.2": {"Neurodiversity Handbook published", "Single referral form"},
		"AFI4.1": {"Waiting list validated", "Workshop programme"},
		"AFI1.4": {"Backlog cleared", "Training offer"},
		// Rows the page broke: set from the top on the first page, their
		// rest below the header repeated on the next.
		"PA2.1":  {"Terms of reference agreed", "Governance map"},
		"AFI4.6": {"national review of children's hearing services.", "Valuing SEND"},
	}
	seen := 0
	for _, tb := range doc.Tables() {
		for _, c := range tb.Cells {
			w, ok := want[c.Text]
			if !ok {
				continue
			}
			seen++
			var row []string
			for _, o := range tb.Cells {
				if o.Row == c.Row {
					row = append(row, o.Text)
				}
			}
			text := strings.Join(row, " | ")
			if !strings.Contains(text, w.milestones) || strings.Contains(text, w.not) {
				t.Errorf("%s: row %q: want %q and not %q", c.Text, text, w.milestones, w.not)
			}
			if !strings.Contains(strings.Join(tb.Uncertain, " "), "centred") {
				t.Errorf("%s: table uncertain %q: want the centred-rows reason", c.Text, tb.Uncertain)
			}
		}
		for _, c := range tb.Cells {
			if strings.HasPrefix(c.Text, "One neurodevelopmental pathway") && c.RowSpan != 2 {
				t.Errorf("theme cell %q spans %d rows, want 2", c.Text, c.RowSpan)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d actions", seen, len(want))
	}
}
