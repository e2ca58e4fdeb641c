package pdflayout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func extractBytes(t testing.TB, data []byte, opts Options) (*layout.Document, error) {
	t.Helper()
	return Extract(context.Background(), "test.pdf", bytes.NewReader(data), int64(len(data)), opts)
}

// summary renders blocks compactly for whole-value comparison: one string
// per block, tables as "table RxC" followed by their cells.
func summary(doc *layout.Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		switch b.Kind {
		case layout.KindHeading:
			out = append(out, fmt.Sprintf("h%d %s", b.Level, b.Text))
		case layout.KindParagraph:
			out = append(out, "p "+b.Text)
		case layout.KindList:
			for _, it := range b.List.Items {
				out = append(out, fmt.Sprintf("li%d %s%s", it.Depth, it.Marker+" ", it.Text))
			}
		case layout.KindTable:
			t := b.Table
			out = append(out, fmt.Sprintf("table#%d %dx%d", t.Index, t.Rows, t.Cols))
			for _, c := range t.Cells {
				h := ""
				if c.Header {
					h = " th"
				}
				out = append(out, fmt.Sprintf("  %d,%d %dx%d%s p%d %q", c.Row, c.Col, c.RowSpan, c.ColSpan, h, c.Page, c.Text))
			}
		}
	}
	return out
}

// A two-column ruled table: header row spanning both columns.
func spanningTable(x, y float64) string { return spanningTableAt(x, y, 1) }

// spanningTableScaled is spanningTable with every length doubled, for
// drawing under a 0.5 CTM.
func spanningTableScaled(x, y float64) string { return spanningTableAt(x, y, 2) }

func spanningTableAt(x, y, s float64) string {
	return fmt.Sprintf(`%[7]g w
%[1]g %[2]g m %[3]g %[2]g l S
%[1]g %[4]g m %[3]g %[4]g l S
%[1]g %[5]g m %[3]g %[5]g l S
%[1]g %[2]g m %[1]g %[5]g l S
%[3]g %[2]g m %[3]g %[5]g l S
%[6]g %[4]g m %[6]g %[5]g l S
`, x, y, x+200*s, y-20*s, y-40*s, x+100*s, 0.5*s) +
		textAt(x+5*s, y-14*s, 10*s, "Header") + textAt(x+5*s, y-34*s, 10*s, "A") + textAt(x+105*s, y-34*s, 10*s, "B")
}

func TestExtractGeometry(t *testing.T) {
	tests := []struct {
		name  string
		pages []string
		want  []string
	}{
		{
			name: "heading and paragraphs",
			pages: []string{textAt(50, 780, 20, "Big Title") +
				textAt(50, 750, 10, "First line of text") + textAt(50, 738, 10, "second line.") +
				textAt(50, 700, 10, "Another paragraph.")},
			want: []string{"h1 Big Title", "p First line of text second line.", "p Another paragraph."},
		},
		{
			name:  "ruled table with a spanning header",
			pages: []string{textAt(50, 780, 10, "Before.") + spanningTable(50, 700)},
			want: []string{"p Before.", "table#0 2x2",
				`  0,0 1x2 p1 "Header"`, `  1,0 1x1 p1 "A"`, `  1,1 1x1 p1 "B"`},
		},
		{
			name:  "table drawn under a scaling CTM",
			pages: []string{"q 0.5 0 0 0.5 0 0 cm\n" + spanningTableScaled(100, 1400) + "Q\n"},
			want: []string{"table#0 2x2",
				`  0,0 1x2 p1 "Header"`, `  1,0 1x1 p1 "A"`, `  1,1 1x1 p1 "B"`},
		},
		{
			name: "rules as thin filled rectangles",
			pages: []string{"50 699.75 200 0.5 re 50 679.75 200 0.5 re 50 659.75 200 0.5 re f\n" +
				"49.75 660 0.5 40 re 149.75 660 0.5 40 re 249.75 660 0.5 40 re f\n" +
				textAt(55, 686, 10, "a") + textAt(155, 686, 10, "b") + textAt(55, 666, 10, "c") + textAt(155, 666, 10, "d")},
			want: []string{"table#0 2x2",
				`  0,0 1x1 p1 "a"`, `  0,1 1x1 p1 "b"`, `  1,0 1x1 p1 "c"`, `  1,1 1x1 p1 "d"`},
		},
		{
			name: "table continued on the next page, header repeated",
			pages: []string{
				textAt(50, 780, 10, "Intro.") + ruledGrid(50, 140, []float64{100, 100}, []float64{20, 20}) +
					textAt(55, 126, 10, "Action") + textAt(155, 126, 10, "Lead") +
					textAt(55, 106, 10, "Do a") + textAt(155, 106, 10, "Ann"),
				ruledGrid(50, 800, []float64{100, 100}, []float64{20, 20}) +
					textAt(55, 786, 10, "Action") + textAt(155, 786, 10, "Lead") +
					textAt(55, 766, 10, "Do b") + textAt(155, 766, 10, "Bob"),
			},
			want: []string{"p Intro.", "table#0 3x2",
				`  0,0 1x1 th p1 "Action"`, `  0,1 1x1 th p1 "Lead"`,
				`  1,0 1x1 p1 "Do a"`, `  1,1 1x1 p1 "Ann"`,
				`  2,0 1x1 p2 "Do b"`, `  2,1 1x1 p2 "Bob"`},
		},
		{
			name: "bullets and numbered items",
			pages: []string{textAt(50, 780, 10, `\225 first point`) + textAt(50, 765, 10, `\225 second point`) +
				textAt(50, 730, 10, "1. Numbered") + textAt(50, 715, 10, "2. Next")},
			want: []string{"li0 • first point", "li0 • second point", "li0 1. Numbered", "li0 2. Next"},
		},
		{
			name: "page numbers left out",
			pages: []string{textAt(50, 780, 10, "Text one.") + textAt(290, 30, 10, "1"),
				textAt(50, 780, 10, "text two.") + textAt(290, 30, 10, "2")},
			want: []string{"p Text one. text two."},
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
		})
	}
}

func TestExtractTagged(t *testing.T) {
	content := `/H1 <</MCID 0>> BDC ` + textAt(50, 780, 20, "Title") + ` EMC
/P <</MCID 1>> BDC ` + textAt(50, 750, 10, "Body text here.") + ` EMC
/TH <</MCID 2>> BDC ` + textAt(55, 686, 10, "Wide") + ` EMC
/TD <</MCID 3>> BDC ` + textAt(55, 666, 10, "A") + ` EMC
/TD <</MCID 4>> BDC ` + textAt(155, 666, 10, "B") + ` EMC
/Artifact BMC ` + textAt(290, 30, 10, "Page 1") + ` EMC`
	pdf := testPDF{
		pages:   []string{content},
		catalog: "/StructTreeRoot 100 0 R /MarkInfo << /Marked true >>",
		extra: []string{
			"<< /Type /StructTreeRoot /K 101 0 R /RoleMap << /Para /P >> >>",    // 100
			"<< /Type /StructElem /S /Document /K [102 0 R 103 0 R 104 0 R] >>", // 101
			"<< /Type /StructElem /S /H1 /Pg 5 0 R /K 0 >>",                     // 102
			"<< /Type /StructElem /S /Para /K [<< /Type /MCR /Pg 5 0 R /MCID 1 >>] >>",
			"<< /Type /StructElem /S /Table /K [105 0 R 106 0 R] >>", // 104
			"<< /Type /StructElem /S /TR /K [107 0 R] >>",            // 105
			"<< /Type /StructElem /S /TR /K [108 0 R 109 0 R] >>",    // 106
			"<< /Type /StructElem /S /TH /Pg 5 0 R /K 2 /A [<< /O /Table /ColSpan 2 >> 0] >>",
			"<< /Type /StructElem /S /TD /Pg 5 0 R /K 3 >>",
			"<< /Type /StructElem /S /TD /Pg 5 0 R /K 4 >>",
		},
	}
	doc, err := extractBytes(t, pdf.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"h1 Title", "p Body text here.", "table#0 2x2",
		`  0,0 1x2 th p1 "Wide"`, `  1,0 1x1 p1 "A"`, `  1,1 1x1 p1 "B"`}
	if got := summary(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(doc.Furniture) != 1 || doc.Furniture[0].Text != "Page 1" {
		t.Errorf("furniture = %+v, want the artifact line", doc.Furniture)
	}
	if doc.Title != "Test document" || doc.Pages != 1 {
		t.Errorf("title %q pages %d", doc.Title, doc.Pages)
	}
}

func TestExtractErrors(t *testing.T) {
	real, err := os.ReadFile("testdata/notts-inspection-progress-2023.libreoffice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	good := testPDF{pages: []string{textAt(50, 700, 12, "hello")}}.bytes()
	// A damaged table with no catalog to rebuild it around (repair.go
	// rebuilds one that has; TestRepair).
	badXref := bytes.Replace(bytes.Replace(good, []byte("xref\n0 "), []byte("xref\nX "), 1), []byte("/Catalog"), []byte("/Katalog"), 1)
	badXref = bytes.Replace(badXref, []byte("/Root"), []byte("/Rodt"), 1)
	encrypted := testPDF{
		pages:   []string{textAt(50, 700, 12, "secret")},
		trailer: "/Encrypt 100 0 R",
		extra:   []string{"<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>"},
	}.bytes()
	tests := []struct {
		name    string
		data    []byte
		want    error // nil: any error
		message string
	}{
		{"empty", nil, ErrNotPDF, "not a readable PDF"},
		{"text named pdf", []byte("Council minutes\nItem 1\n"), ErrNotPDF, "invalid header"},
		{"truncated", real[:len(real)/2], ErrNotPDF, "test.pdf"},
		{"corrupted xref", badXref, ErrNotPDF, "test.pdf"},
		{"encrypted", encrypted, ErrEncrypted, "encrypted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extractBytes(t, tt.data, Options{})
			if err == nil {
				t.Fatalf("no error; got %d blocks", len(doc.Blocks))
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not say %q", err, tt.message)
			}
		})
	}
}

func TestPageErrorsKeepTheRest(t *testing.T) {
	data := testPDF{pages: []string{
		textAt(50, 700, 12, "first page"),
		textAt(50, 700, 12, "broken") + " <zz> Tj",
		textAt(50, 700, 12, "third page"),
	}}.bytes()
	doc, err := extractBytes(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.PageErrors) != 1 || doc.PageErrors[0].Page != 2 || !strings.Contains(doc.PageErrors[0].Err, "page 2") {
		t.Errorf("page errors = %+v, want one naming page 2", doc.PageErrors)
	}
	want := []string{"p first page", "p third page"}
	if got := summary(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("blocks = %q, want %q", got, want)
	}
}

func TestLimits(t *testing.T) {
	pages := []string{textAt(50, 700, 12, "one"), textAt(50, 700, 12, "two"), textAt(50, 700, 12, "three")}
	data := testPDF{pages: pages}.bytes()
	t.Run("pages", func(t *testing.T) {
		doc, err := extractBytes(t, data, Options{MaxPages: 2})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Pages != 2 || len(doc.PageErrors) != 1 || !strings.Contains(doc.PageErrors[0].Err, ErrLimit.Error()) {
			t.Errorf("pages %d, errors %+v", doc.Pages, doc.PageErrors)
		}
	})
	t.Run("operators", func(t *testing.T) {
		doc, err := extractBytes(t, data, Options{MaxOperators: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.PageErrors) != 3 || !strings.Contains(doc.PageErrors[0].Err, "operators") {
			t.Errorf("errors %+v, want each page over the operator limit", doc.PageErrors)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Extract(ctx, "test.pdf", bytes.NewReader(data), int64(len(data)), Options{})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}
