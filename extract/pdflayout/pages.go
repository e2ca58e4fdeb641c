package pdflayout

import (
	"cmp"
	"fmt"

	"github.com/ledongthuc/pdf"
)

// pageRef is a leaf of the page tree with the attributes it inherits.
type pageRef struct {
	v         pdf.Value
	resources pdf.Value
	mediaBox  pdf.Value
	cropBox   pdf.Value
	rotate    int64
}

// maxPageTreeDepth bounds the page-tree walk: a damaged tree whose /Kids
// lead back to an ancestor would otherwise never end (the library's own
// Page and findInherited loop forever on such trees).
const maxPageTreeDepth = 32

// collectPages walks the page tree in order, stopping after limit pages.
// It reports whether pages were left out, and the first node found inside
// itself (a page-tree cycle), 0 if none.
func collectPages(root pdf.Value, limit int) (pages []pageRef, truncated bool, cycle uint32) {
	var walk func(node pdf.Value, inherited pageRef, depth int)
	visits := 0
	inside := map[uint32]bool{} // the objects of the current path
	walk = func(node pdf.Value, inh pageRef, depth int) {
		visits++
		if id := objectNumber(node); id != 0 {
			if inside[id] {
				cycle = cmp.Or(cycle, id)
				return
			}
			inside[id] = true
			defer delete(inside, id)
		}
		if depth > maxPageTreeDepth || visits > 4*limit+64 {
			truncated = true
			return
		}
		if r := node.Key("Resources"); r.Kind() == pdf.Dict {
			inh.resources = r
		}
		if b := node.Key("MediaBox"); b.Kind() == pdf.Array {
			inh.mediaBox = b
		}
		if b := node.Key("CropBox"); b.Kind() == pdf.Array {
			inh.cropBox = b
		}
		if r := node.Key("Rotate"); r.Kind() == pdf.Integer {
			inh.rotate = ((r.Int64() % 360) + 360) % 360
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if node.Kind() != pdf.Dict {
				return
			}
			if len(pages) >= limit {
				truncated = true
				return
			}
			inh.v = node
			pages = append(pages, inh)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), inh, depth+1)
		}
	}
	walk(root, pageRef{}, 0)
	return pages, truncated, cycle
}

// pageBox is the visible area of the page: the CropBox, else the MediaBox,
// else US Letter.
func (p pageRef) pageBox() box {
	for _, b := range []pdf.Value{p.cropBox, p.mediaBox} {
		if b.Len() == 4 {
			x0, y0, x1, y1 := b.Index(0).Float64(), b.Index(1).Float64(), b.Index(2).Float64(), b.Index(3).Float64()
			bx := box{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)}
			if bx.w() > 1 && bx.h() > 1 {
				return bx
			}
		}
	}
	return box{0, 0, 612, 792}
}

// pageSpace maps user space to page space: origin at the top-left of the
// page as displayed (after its /Rotate, clockwise in degrees), y downwards.
func pageSpace(b box, rotate int64) matrix {
	switch rotate {
	case 90:
		return matrix{0, 1, 1, 0, -b.y0, -b.x0}
	case 180:
		return matrix{-1, 0, 0, 1, b.x1, -b.y0}
	case 270:
		return matrix{0, -1, -1, 0, b.y1, b.x1}
	}
	return matrix{1, 0, 0, -1, -b.x0, b.y1}
}

// maxGlyphHint bounds the glyphs reserved for a page ahead (1 MB): more
// than a dense page of small type holds.
const maxGlyphHint = 1 << 14

// interpretPage runs the page's content streams. A panic from the library
// (it reports malformed input by panicking) or from a limit becomes an error
// naming the page, so one bad page never costs the rest of the document.
// glyphHint is the room to make for the page's glyphs: the previous
// page's count, pages of a document being alike (growing the slice by
// appends allocated a third of all bytes; TestLayoutIgnoresSpareCapacity
// holds the layout to not depending on that room).
func interpretPage(ref pageRef, number int, opts Options, cache *docCache, glyphHint int) (pc *pageContent, err error) {
	defer func() {
		if x := recover(); x != nil {
			// The page's object number lets a reader find the damage
			// (qpdf --show-object=N).
			pc, err = nil, fmt.Errorf("page %d (object %d): %w", number, objectNumber(ref.v), panicError(x))
		}
	}()
	b := ref.pageBox()
	base := pageSpace(b, ref.rotate)
	pc = &pageContent{number: number, width: b.w(), height: b.h()}
	if glyphHint > 0 {
		// Bounded: one page of a million glyphs must not make every page
		// after it reserve a million.
		pc.glyphs = make([]glyph, 0, min(glyphHint, maxGlyphHint))
	}
	if ref.rotate == 90 || ref.rotate == 270 {
		pc.width, pc.height = b.h(), b.w()
	}
	in := newInterpreter(opts, cache, pc, base)
	in.run(ref.v.Key("Contents"), ref.resources)
	return pc, nil
}
