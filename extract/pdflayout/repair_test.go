package pdflayout

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestRepair: damage that poppler and qpdf read through is read through
// here too, giving the layout of the undamaged file.
func TestRepair(t *testing.T) {
	for _, name := range []string{"notts-inspection-progress-2023.libreoffice.pdf", "notts-inspection-progress-2023.chromium.pdf"} {
		good, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := extractBytes(t, good, Options{})
		if err != nil {
			t.Fatal(err)
		}
		startxref := regexp.MustCompile(`startxref\s+(\d+)`)
		cases := map[string][]byte{
			"data after %%EOF": append(bytes.Clone(good), []byte("\n--\nScanned by the mail gateway\n"+string(bytes.Repeat([]byte{0}, 300)))...),
			"PDF-2.0 header":   append([]byte("%PDF-2.0"), good[8:]...),
			// Every offset of the table off by one object: the library
			// reads garbage; the objects are found by scanning.
			"xref pointing nowhere": startxref.ReplaceAll(bytes.Clone(good), []byte("startxref\n7")),
		}
		for what, data := range cases {
			t.Run(name+"/"+what, func(t *testing.T) {
				if rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data))); err == nil && readable(rd) {
					t.Fatal("the library reads this unrepaired: the case tests nothing")
				}
				got, err := extractBytes(t, data, Options{})
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !slices.Equal(summary(got), summary(want)) {
					t.Errorf("layout differs from the undamaged file's")
				}
			})
		}
	}
}

// TestRepairRebuildsTable: a cross-reference table that cannot be parsed
// is rebuilt from the objects.
func TestRepairRebuildsTable(t *testing.T) {
	good := testPDF{pages: []string{textAt(50, 700, 12, "hello")}}.bytes()
	bad := bytes.Replace(good, []byte("xref\n0 "), []byte("xref\nX "), 1)
	doc, err := extractBytes(t, bad, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(doc); !slices.Equal(got, []string{"p hello"}) {
		t.Errorf("read %q, want the page's one line", got)
	}
}

// TestRepairKeepsRefusing: a file with no catalog anywhere is still not a
// PDF, with an error naming the file.
func TestRepairKeepsRefusing(t *testing.T) {
	data := []byte("%PDF-1.7\n1 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n")
	_, err := extractBytes(t, data, Options{})
	if err == nil {
		t.Fatal("a file without a catalog was read")
	}
	if !bytes.Contains([]byte(err.Error()), []byte("test.pdf")) {
		t.Errorf("error %q does not name the file", err)
	}
}

// TestPageErrorNamesObject: damage on a page that no repair survives is
// reported with the page and the page's object number.
func TestPageErrorNamesObject(t *testing.T) {
	data := testPDF{pages: []string{textAt(50, 700, 12, "first"), textAt(50, 700, 12, "broken") + " <zz> Tj"}}.bytes()
	doc, err := extractBytes(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.PageErrors) != 1 || !regexp.MustCompile(`^page 2 \(object [1-9]\d*\): `).MatchString(doc.PageErrors[0].Err) {
		t.Errorf("page errors = %+v, want one naming page 2 and its object", doc.PageErrors)
	}
}
