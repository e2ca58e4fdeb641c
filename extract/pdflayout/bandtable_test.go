package pdflayout

import (
	"reflect"
	"strings"
	"testing"
)

// A table with no rules, only its header cells' backgrounds (as
// LibreOffice draws a table whose borders are CSS): the backgrounds give
// the columns, whitespace the rows, and text across the columns ends it.
func TestHeaderBandTable(t *testing.T) {
	header := "0.85 g 50 688 150 14 re f 206 688 120 14 re f 0 g\n" +
		textAt(51, 692, 10, "Measure") + textAt(207, 692, 10, "Where we are now")
	tests := []struct {
		name string
		page string
		want []string
	}{
		{
			name: "rows apart by their padding, a wrapped cell",
			page: textAt(50, 760, 10, "Intro.") + header +
				textAt(51, 668, 10, "Parents who rate communication") + textAt(51, 656, 10, "as good") +
				textAt(207, 662, 10, "24% (2023)") +
				textAt(51, 630, 10, "Complaints") + textAt(207, 630, 10, "5.1%") +
				textAt(50, 580, 10, "A paragraph after the table runs across both of its columns."),
			want: []string{"p Intro.", "table#0 3x2",
				`  0,0 1x1 th p1 "Measure"`, `  0,1 1x1 th p1 "Where we are now"`,
				`  1,0 1x1 p1 "Parents who rate communication as good"`, `  1,1 1x1 p1 "24% (2023)"`,
				`  2,0 1x1 p1 "Complaints"`, `  2,1 1x1 p1 "5.1%"`,
				"p A paragraph after the table runs across both of its columns."},
		},
		{
			name: "one-line rows without padding",
			page: header +
				textAt(51, 674, 10, "1. Introduction") + textAt(207, 674, 10, "3") +
				textAt(51, 662, 10, "2. Glossary") + textAt(207, 662, 10, "4"),
			want: []string{"table#0 3x2",
				`  0,0 1x1 th p1 "Measure"`, `  0,1 1x1 th p1 "Where we are now"`,
				`  1,0 1x1 p1 "1. Introduction"`, `  1,1 1x1 p1 "3"`,
				`  2,0 1x1 p1 "2. Glossary"`, `  2,1 1x1 p1 "4"`},
		},
		{
			// LibreOffice centres a cell spanning two rows across both:
			// its lines close the gap between them in its column alone.
			name: "a cell spanning rows",
			page: "0.85 g 50 688 100 14 re f 156 688 100 14 re f 262 688 100 14 re f 368 688 100 14 re f 0 g\n" +
				textAt(51, 692, 10, "Outcome") + textAt(157, 692, 10, "Ref") + textAt(263, 692, 10, "Lead") + textAt(369, 692, 10, "Due") +
				textAt(51, 660, 10, "One pathway") + textAt(51, 648, 10, "for all") +
				textAt(157, 668, 10, "A1") + textAt(263, 668, 10, "Ann") + textAt(369, 668, 10, "Q1") +
				textAt(157, 640, 10, "A2") + textAt(263, 640, 10, "Bob") + textAt(369, 640, 10, "Q2") +
				textAt(51, 610, 10, "Other") + textAt(157, 610, 10, "A3") + textAt(263, 610, 10, "Cy") + textAt(369, 610, 10, "Q3"),
			want: []string{"table#0 4x4",
				`  0,0 1x1 th p1 "Outcome"`, `  0,1 1x1 th p1 "Ref"`, `  0,2 1x1 th p1 "Lead"`, `  0,3 1x1 th p1 "Due"`,
				`  1,0 2x1 p1 "One pathway\nfor all"`, `  1,1 1x1 p1 "A1"`, `  1,2 1x1 p1 "Ann"`, `  1,3 1x1 p1 "Q1"`,
				`  2,1 1x1 p1 "A2"`, `  2,2 1x1 p1 "Bob"`, `  2,3 1x1 p1 "Q2"`,
				`  3,0 1x1 p1 "Other"`, `  3,1 1x1 p1 "A3"`, `  3,2 1x1 p1 "Cy"`, `  3,3 1x1 p1 "Q3"`},
		},
		{
			name: "split backgrounds over text in one column are not a table",
			page: "0.85 g 50 688 180 14 re f 230 688 120 14 re f 0 g\n" +
				textAt(51, 692, 10, "Accept cookies") + textAt(231, 692, 10, "View settings") +
				textAt(51, 668, 10, "Site name"),
			want: []string{"p Accept cookies", "p View settings", "p Site name"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extractBytes(t, testPDF{pages: []string{tt.page}}.bytes(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, tb := range doc.Tables() {
				if !reflect.DeepEqual(tb.Uncertain, []string{doubtWhitespaceRows}) {
					t.Errorf("table %d uncertain = %q, want the whitespace rows flagged", tb.Index, tb.Uncertain)
				}
			}
		})
	}
}
