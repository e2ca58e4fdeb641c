package pdflayout

import (
	"reflect"
	"strings"
	"testing"
)

// Tables as producers other than the first two draw them: under white
// backgrounds, cut into pages by a clip, split rows without a closing
// rule, and boxes that are not tables.
func TestTablesAnyProducer(t *testing.T) {
	grid := func(y float64) string {
		return ruledGrid(50, y, []float64{100, 100}, []float64{20, 20}) +
			textAt(55, y-14, 10, "Action") + textAt(155, y-14, 10, "Lead") +
			textAt(55, y-34, 10, "Do a") + textAt(155, y-34, 10, "Ann")
	}
	table := []string{"table#0 2x2",
		`  0,0 1x1 p1 "Action"`, `  0,1 1x1 p1 "Lead"`, `  1,0 1x1 p1 "Do a"`, `  1,1 1x1 p1 "Ann"`}
	tests := []struct {
		name  string
		pages []string
		want  []string
		// uncertain: the tables are flagged, not drawn for certain.
		uncertain bool
	}{
		{
			// A white fill bounds nothing a reader sees; taken for rules
			// it frames the table and the text around it as one grid.
			name:  "white page-area background under a table",
			pages: []string{"1 1 1 rg 30 30 535 780 re f 0 g\n" + textAt(50, 780, 10, "Intro.") + grid(700)},
			want:  append([]string{"p Intro."}, table...),
		},
		{
			// One long layout cut into pages: this page shows the slice
			// above y=400; the rest is drawn but clipped away.
			name: "drawing outside the page's clip",
			pages: []string{"q 0 400 595 442 re W n\n" + grid(700) +
				ruledGrid(50, 420, []float64{100, 100}, []float64{40}) + textAt(55, 380, 10, "Clipped away") + "Q\n"},
			want: table,
		},
		{
			// The page break cut the last row: its side rules run to the
			// page end and no rule closes it.
			name: "row cut by the page end, no closing rule",
			pages: []string{"0.5 w 50 700 m 250 700 l S 50 680 m 250 680 l S\n" +
				"50 700 m 50 600 l S 150 700 m 150 600 l S 250 700 m 250 600 l S\n" +
				textAt(55, 686, 10, "Action") + textAt(155, 686, 10, "Lead") +
				textAt(55, 666, 10, "Do a") + textAt(155, 666, 10, "Ann")},
			want: table,
		},
		{
			// A row cut by the page break: no rule under it on the first
			// page nor over it on the next. Its second part opens a new
			// entry of a one-per-line cell, which no text test would join.
			name: "row cut by the page break, continued as new lines",
			pages: []string{
				textAt(50, 800, 10, "Intro.") +
					"0.5 w 50 700 m 250 700 l S 50 680 m 250 680 l S\n" +
					"50 700 m 50 40 l S 150 700 m 150 40 l S 250 700 m 250 40 l S\n" +
					textAt(55, 686, 10, "Service") + textAt(155, 686, 10, "Items") +
					textAt(55, 666, 10, "Health") + textAt(155, 666, 10, "Immunisation") +
					textAt(155, 54, 10, "Clinics"),
				"0.5 w 50 700 m 250 700 l S\n" +
					"50 800 m 50 700 l S 150 800 m 150 700 l S 250 800 m 250 700 l S\n" +
					textAt(155, 786, 10, "Equipment"),
			},
			want: []string{"p Intro.", "table#0 2x2",
				`  0,0 1x1 p1 "Service"`, `  0,1 1x1 p1 "Items"`,
				`  1,0 1x1 p1 "Health"`, `  1,1 1x1 p1 "Immunisation\nClinics\nEquipment"`},
		},
		{
			// Two tables of the same columns, one ending a page, the next
			// opening the following page: joined, and said to be a guess.
			name: "parts joined by their columns alone are flagged",
			pages: []string{textAt(50, 800, 10, "Intro.") + grid(100),
				ruledGrid(50, 800, []float64{100, 100}, []float64{20, 20}) +
					textAt(55, 786, 10, "Finding") + textAt(155, 786, 10, "Owner") +
					textAt(55, 766, 10, "Do b") + textAt(155, 766, 10, "Bob")},
			want: []string{"p Intro.", "table#0 4x2",
				`  0,0 1x1 p1 "Action"`, `  0,1 1x1 p1 "Lead"`, `  1,0 1x1 p1 "Do a"`, `  1,1 1x1 p1 "Ann"`,
				`  2,0 1x1 p2 "Finding"`, `  2,1 1x1 p2 "Owner"`, `  3,0 1x1 p2 "Do b"`, `  3,1 1x1 p2 "Bob"`},
			uncertain: true,
		},
		{
			// The first table's rows are cut at the page's end (page 1),
			// and it stops high on page 2: had it gone on, its next row
			// would have filled that page. The table opening page 3 is
			// another.
			name: "a table that cuts rows and ends with room to spare ends there",
			pages: []string{
				"0.5 w 50 700 m 250 700 l S 50 680 m 250 680 l S\n" +
					"50 700 m 50 40 l S 150 700 m 150 40 l S 250 700 m 250 40 l S\n" +
					textAt(55, 686, 10, "Action") + textAt(155, 686, 10, "Lead") +
					textAt(55, 666, 10, "Do a") + textAt(155, 666, 10, "Ann"),
				"0.5 w 50 700 m 250 700 l S\n" +
					"50 800 m 50 700 l S 150 800 m 150 700 l S 250 800 m 250 700 l S\n" +
					textAt(55, 786, 10, "carried on"),
				ruledGrid(50, 800, []float64{100, 100}, []float64{20, 20}) +
					textAt(55, 786, 10, "Finding") + textAt(155, 786, 10, "Owner") +
					textAt(55, 766, 10, "Do b") + textAt(155, 766, 10, "Bob"),
			},
			want: []string{"table#0 2x2",
				`  0,0 1x1 p1 "Action"`, `  0,1 1x1 p1 "Lead"`, `  1,0 1x1 p1 "Do a\ncarried on"`, `  1,1 1x1 p1 "Ann"`,
				"table#1 2x2",
				`  0,0 1x1 p3 "Finding"`, `  0,1 1x1 p3 "Owner"`, `  1,0 1x1 p3 "Do b"`, `  1,1 1x1 p3 "Bob"`},
		},
		{
			name:  "a box around a paragraph is not a table",
			pages: []string{ruledGrid(50, 700, []float64{400}, []float64{30}) + textAt(55, 680, 10, "Was this page useful?")},
			want:  []string{"p Was this page useful?"},
		},
		{
			name: "a one-row banner on the first page is not a table",
			pages: []string{ruledGrid(50, 800, []float64{150, 300}, []float64{20}) +
				textAt(55, 786, 10, "Cookies") + textAt(205, 786, 10, "We use cookies.") + textAt(50, 700, 10, "Body text.")},
			want: []string{"p Cookies", "p We use cookies.", "p Body text."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extractBytes(t, testPDF{pages: tt.pages}.bytes(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, tb := range doc.Tables() {
				if len(tb.Uncertain) > 0 != tt.uncertain {
					t.Errorf("table %d uncertain = %q, want flagged %v", tb.Index, tb.Uncertain, tt.uncertain)
				}
			}
		})
	}
}
