package pdflayout

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzExtract feeds arbitrary bytes to Extract: it must never panic, must
// finish promptly under its limits, and what it returns must hold together
// (cells inside their table's grid, pages inside the document).
func FuzzExtract(f *testing.F) {
	small := testPDF{pages: []string{textAt(50, 780, 20, "Title") + spanningTable(50, 700)}}.bytes()
	f.Add(small)
	f.Add(bytes.Replace(small, []byte("xref"), []byte("xreg"), 1))
	f.Add(small[:len(small)/2])
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Add([]byte("not a pdf at all"))
	paths, _ := filepath.Glob("testdata/*.pdf")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// Large seeds make every execution slow; the small real ones and a
		// damaged copy of each are enough to reach the real-world paths.
		if len(data) < 80_000 {
			f.Add(data)
			f.Add(data[:len(data)*2/3])
			f.Add(bytes.ReplaceAll(data, []byte("endobj"), []byte("endobk")))
		}
	}
	opts := Options{MaxPages: 20, MaxOperators: 200_000, MaxContentBytes: 4 << 20, MaxStructElems: 20_000}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		doc, err := Extract(ctx, "fuzz.pdf", bytes.NewReader(data), int64(len(data)), opts)
		if err != nil {
			if doc != nil {
				t.Fatal("document returned with an error")
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Page < 0 || b.Page > doc.Pages {
				t.Fatalf("block on page %d of %d", b.Page, doc.Pages)
			}
			if tb := b.Table; tb != nil {
				for _, c := range tb.Cells {
					if c.Row < 0 || c.Col < 0 || c.RowSpan < 1 || c.ColSpan < 1 ||
						c.Row+c.RowSpan > tb.Rows || c.Col+c.ColSpan > tb.Cols {
						t.Fatalf("cell %+v outside its %dx%d table", c, tb.Rows, tb.Cols)
					}
				}
			}
		}
	})
}
