package pdflayout

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func TestDropShortBackgrounds(t *testing.T) {
	// A column between borders at x=34 and x=127 running from y=65 to
	// y=561; its cell spans rows 300..561, but the producer filled it only
	// down to y=462.
	vs := []rule{{34, 65, 561}, {127, 65, 561}, {258, 65, 561}}
	drawn := []rule{{300, 34, 258}, {414, 127, 258}}
	short := []rule{{299.6, 33.4, 128.2}, {462.7, 33.4, 128.2}}
	got := dropShortBackgrounds(append(append([]rule(nil), drawn...), short...), len(drawn), vs)
	if len(got) != 3 || got[2] != short[0] {
		t.Fatalf("kept %v, want the drawn rules and the top edge on the border", got)
	}
	// The same background meeting the next one below it: a boundary.
	next := []rule{{462.7, 33.4, 128.2}, {540, 33.4, 128.2}}
	hs := append(append(append([]rule(nil), drawn...), short...), next...)
	got = dropShortBackgrounds(hs, len(drawn), vs)
	n := 0
	for _, r := range got {
		if r.pos == 462.7 {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("kept %v: the edge two backgrounds share must stay", got)
	}
	// A border drawn under the cells beside the background, ending where
	// it begins, at the background's edge: the spanning cell goes on.
	vs = []rule{{34, 65, 561}, {127, 65, 561}, {258, 65, 561}}
	beside := []rule{{300, 34, 258}, {424.4, 34, 258}, {490.6, 126.8, 258}}
	bg := []rule{{423.4, 33.4, 128.2}, {491.5, 33.4, 128.2}}
	got = dropShortBackgrounds(append(append([]rule(nil), beside...), bg...), len(beside), vs)
	if len(got) != 4 || got[3] != bg[0] {
		t.Fatalf("kept %v, want the bottom edge at 491.5 dropped", got)
	}
	// A row's background across columns (a column rule crosses it): its
	// edge bounds the row.
	row := []rule{{423.4, 33.4, 258}, {462.7, 33.4, 258}}
	got = dropShortBackgrounds(append(append([]rule(nil), drawn...), row...), len(drawn), vs)
	if len(got) != 4 {
		t.Fatalf("kept %v, want every rule", got)
	}
	// Borders that stop at the edge (the table's last row): it stays.
	vs = []rule{{34, 65, 462.7}, {127, 65, 462.7}}
	got = dropShortBackgrounds(append(append([]rule(nil), drawn...), short...), len(drawn), vs)
	if len(got) != 4 {
		t.Fatalf("kept %v, want every rule", got)
	}
}

func TestOpenColumns(t *testing.T) {
	// Two rows, three columns; the first column's last cell spans down
	// with no rule under it, the others are closed by a drawn border.
	hs := []rule{{100, 0, 300}, {150, 0, 300}, {200, 100, 300}}
	vs := []rule{{0, 100, 200}, {100, 100, 200}, {200, 100, 200}, {300, 100, 200}}
	g, ok := gridFromRules(hs, vs)
	if !ok {
		t.Fatal("no grid")
	}
	if open := openColumns(g, hs, hs); len(open) != 1 || !open[0] {
		t.Errorf("open columns %v, want {0}", open)
	}
	// Closed only by a background's edge: neither open nor closed, and
	// with nothing else closed, no column is open.
	edge := []rule{{100, 0, 300}, {150, 0, 300}, {200, 0, 100}}
	g, _ = gridFromRules(edge, vs)
	if open := openColumns(g, edge, edge[:2]); open != nil {
		t.Errorf("open columns %v, want none", open)
	}
	// No bottom border at all: a table drawn without one, none open.
	none := hs[:2]
	g, _ = gridFromRules(none, vs)
	if open := openColumns(g, none, none); open != nil {
		t.Errorf("open columns %v, want none", open)
	}
}

// cellWith finds the cell of doc's tables whose text starts with prefix.
func cellWith(t *testing.T, doc *layout.Document, prefix string) layout.Cell {
	t.Helper()
	for _, tb := range doc.Tables() {
		for _, c := range tb.Cells {
			if strings.HasPrefix(c.Text, prefix) {
				return c
			}
		}
	}
	t.Fatalf("no cell starting %q", prefix)
	return layout.Cell{}
}

// TestRowSpanBackgroundShort reads tables printed by WeasyPrint, which
// fills a cell spanning rows only as far down as its text, and at a page
// break closes the cells beside a spanning cell but not the cell itself:
// the spanning cell must cover every row it spans, on both pages.
func TestRowSpanBackgroundShort(t *testing.T) {
	corpus := filepath.Join(sharedDir(t), "corpus")
	hull := extractFile(t, filepath.Join(corpus, "hull-send-plan-2024", "hull-send-plan-2024.weasyprint.pdf"))
	if c := cellWith(t, hull, "Implement a coordinated multi disciplinary"); c.RowSpan < 5 {
		t.Errorf("workforce objective spans %d rows, want the 6 of its actions", c.RowSpan)
	}
	herts := extractFile(t, filepath.Join(corpus, "herts-priority-action-plan-2024", "herts-priority-action-plan-2024.weasyprint.pdf"))
	if c := cellWith(t, herts, "Equal access to therapies"); c.RowSpan != 2 {
		t.Errorf("theme spans %d rows, want 2 (AFI3.3 on one page, AFI3.4 on the next)", c.RowSpan)
	}
	if c := cellWith(t, herts, "AFI3.3"); c.Text != "AFI3.3" {
		t.Errorf("ref cell %q: the row on the next page was merged into it", c.Text)
	}
}
