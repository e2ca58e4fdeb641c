package pdflayout

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"

	"github.com/ledongthuc/pdf"
)

func TestDbg(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, err := pdf.NewReader(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	refs, _ := collectPages(rd.Trailer().Key("Root").Key("Pages"), 100)
	fonts := fontCache{}
	pc, err := interpretPage(refs[0], 1, DefaultOptions, fonts)
	t.Logf("err=%v glyphs=%d strokes=%d fills=%d", err, len(pc.glyphs), len(pc.strokes), len(pc.fills))
	for i, g := range pc.glyphs {
		if i < 20 {
			t.Logf("%+v", g)
		}
	}
	for k, f := range fonts {
		t.Logf("%s %+v", k[:40], *f)
	}
}

func TestDbgCells(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	doc := extractFile(t, path)
	base := filepath.Base(path)
	gold := readGoldTables(t, filepath.Join(sharedDir(t), "gold", "tables", strings.SplitN(base, ".", 2)[0]+".json"))
	gt := map[string]bool{}
	for _, tb := range gold {
		for _, c := range tb.Cells {
			gt[foldCell(c.Text)] = true
		}
	}
	pt := map[string]bool{}
	for _, tb := range doc.Tables() {
		t.Logf("pred table %d rows=%d cols=%d cells=%d page=%d", tb.Index, tb.Rows, tb.Cols, len(tb.Cells), tb.Cells[0].Page)
		for _, c := range tb.Cells {
			f := foldCell(c.Text)
			pt[f] = true
			if !gt[f] && f != "" {
				t.Logf("  EXTRA r%d c%d %dx%d %q", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text)
			}
		}
	}
	for _, tb := range gold {
		t.Logf("gold table %d rows=%d cols=%d cells=%d", tb.Index, tb.Rows, tb.Cols, len(tb.Cells))
		for _, c := range tb.Cells {
			if f := foldCell(c.Text); !pt[f] && f != "" {
				t.Logf("  MISSING r%d c%d %dx%d %q", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text)
			}
		}
	}
}

func TestDbgTree(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, _ := pdf.NewReader(f, st.Size())
	root := rd.Trailer().Key("Root")
	refs, _ := collectPages(root.Key("Pages"), 1000)
	tree := readStructTree(root.Key("StructTreeRoot"), refs, DefaultOptions)
	var dump func(e *structElem, d int)
	n := 0
	dump = func(e *structElem, d int) {
		n++
		if n > 400 {
			return
		}
		var mc []structKid
		for _, k := range e.kids {
			if k.elem == nil {
				mc = append(mc, k)
			}
		}
		t.Logf("%s%s rs=%d cs=%d %v", strings.Repeat("  ", d), e.role, e.rowSpan, e.colSpan, mc)
		for _, k := range e.kids {
			if k.elem != nil {
				dump(k.elem, d+1)
			}
		}
	}
	dump(tree, 0)
}

func TestDbgGrid(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	doc := extractFile(t, path)
	base := filepath.Base(path)
	gold := readGoldTables(t, filepath.Join(sharedDir(t), "gold", "tables", strings.SplitN(base, ".", 2)[0]+".json"))
	for i, gt := range gold {
		if i >= len(doc.Tables()) {
			break
		}
		pt := doc.Tables()[i]
		gm := map[string]layout.Cell{}
		for _, c := range gt.Cells {
			gm[foldCell(c.Text)] = c
		}
		for _, c := range pt.Cells {
			g, ok := gm[foldCell(c.Text)]
			if ok && (g.Row != c.Row || g.Col != c.Col || g.RowSpan != c.RowSpan || g.ColSpan != c.ColSpan) {
				t.Logf("table %d %q pred r%d c%d %dx%d gold r%d c%d %dx%d", i, c.Text[:min(len(c.Text), 40)], c.Row, c.Col, c.RowSpan, c.ColSpan, g.Row, g.Col, g.RowSpan, g.ColSpan)
			}
		}
	}
}

func TestDbgRows(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	doc := extractFile(t, path)
	base := filepath.Base(path)
	gold := readGoldTables(t, filepath.Join(sharedDir(t), "gold", "tables", strings.SplitN(base, ".", 2)[0]+".json"))
	for i, gt := range gold {
		if i >= len(doc.Tables()) {
			break
		}
		pt := doc.Tables()[i]
		for r := 0; r < max(gt.Rows, pt.Rows); r++ {
			g, p := gt.Row(r), pt.Row(r)
			show := func(cs []layout.Cell) string {
				var b strings.Builder
				for _, c := range cs {
					fmt.Fprintf(&b, "[c%d %dx%d %.25q] ", c.Col, c.RowSpan, c.ColSpan, c.Text)
				}
				return b.String()
			}
			if show(g) != show(p) {
				t.Logf("table %d row %d\n gold %s\n pred %s", i, r, show(g), show(p))
			}
		}
	}
}

func TestDbgPage(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("DBG_PAGE"))
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, _ := pdf.NewReader(f, st.Size())
	refs, _ := collectPages(rd.Trailer().Key("Root").Key("Pages"), 1000)
	pc, err := interpretPage(refs[n-1], n, DefaultOptions, fontCache{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range buildLines(pc.glyphs, n, lineOptions{splitGap: 3}) {
		t.Logf("x0=%.1f x1=%.1f y=%.1f size=%.1f bold=%v %q", l.x0, l.x1, l.y, l.size, l.bold, l.text)
	}
	hs, vs := pageRules(pc)
	t.Logf("h=%v\nv=%v", hs, vs)
}

func TestDbgGlyphs(t *testing.T) {
	path := os.Getenv("DBG_PDF")
	if path == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("DBG_PAGE"))
	needle := os.Getenv("DBG_NEEDLE")
	f, _ := os.Open(path)
	st, _ := f.Stat()
	rd, _ := pdf.NewReader(f, st.Size())
	refs, _ := collectPages(rd.Trailer().Key("Root").Key("Pages"), 1000)
	pc, _ := interpretPage(refs[n-1], n, DefaultOptions, fontCache{})
	var b strings.Builder
	for _, g := range pc.glyphs {
		b.WriteString(g.text)
	}
	s := b.String()
	for i := 0; ; {
		j := strings.Index(s[i:], needle)
		if j < 0 {
			break
		}
		t.Logf("%q", s[max(0, i+j-20):min(len(s), i+j+len(needle)+20)])
		i += j + 1
	}
}
