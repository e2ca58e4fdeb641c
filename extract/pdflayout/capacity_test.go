package pdflayout

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestLayoutIgnoresSpareCapacity reads each PDF twice: with every slice
// of each page's content cut to its length, and with room to spare behind
// each. A step that appends into a sub-slice of a slice it
// shares (writing over a neighbour when there is room, copying when there
// is none) makes the layout depend on that room; it must not. Reserving
// a page's glyph capacity up front was seen to change output once.
func TestLayoutIgnoresSpareCapacity(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.pdf")
	if !testing.Short() {
		if dir := filepath.Join("..", "..", "..", "shared", "corpus"); dirExists(dir) {
			more, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
			paths = append(paths, more...)
		}
	}
	if len(paths) == 0 {
		t.Skip("no PDFs")
	}
	t.Cleanup(func() { readHook = nil })
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		read := func(hook func(*pageContent)) []byte {
			readHook = hook
			defer func() { readHook = nil }()
			doc, err := Extract(context.Background(), p, bytes.NewReader(data), int64(len(data)), Options{})
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			out, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		tight := read(func(pc *pageContent) {
			pc.glyphs = pc.glyphs[:len(pc.glyphs):len(pc.glyphs)]
			pc.strokes = pc.strokes[:len(pc.strokes):len(pc.strokes)]
			pc.fills = pc.fills[:len(pc.fills):len(pc.fills)]
			pc.marks = pc.marks[:len(pc.marks):len(pc.marks)]
		})
		roomy := read(func(pc *pageContent) {
			pc.glyphs = append(make([]glyph, 0, 2*len(pc.glyphs)+64), pc.glyphs...)
			pc.strokes = append(make([]segment, 0, 2*len(pc.strokes)+64), pc.strokes...)
			pc.fills = append(make([]box, 0, 2*len(pc.fills)+64), pc.fills...)
			pc.marks = append(make([]box, 0, 2*len(pc.marks)+64), pc.marks...)
		})
		if !bytes.Equal(tight, roomy) {
			t.Errorf("%s: the layout depends on the spare capacity behind the page's slices", filepath.Base(p))
		}
	}
}

func dirExists(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && st.IsDir()
}

// TestSplitAtHalvesKeepApart: the halves of a split line share its
// storage; appending to the first must not write over the second.
func TestSplitAtHalvesKeepApart(t *testing.T) {
	gs := []glyph{
		{x0: 0, x1: 5, y: 10, size: 10, text: "a"},
		{x0: 5, x1: 10, y: 10, size: 10, text: "b"},
		{x0: 40, x1: 45, y: 10, size: 10, text: "c"},
		{x0: 45, x1: 50, y: 10, size: 10, text: "d"},
	}
	ls := buildLines(gs, 1, lineOptions{})
	if len(ls) != 1 || ls[0].text != "ab cd" || len(ls[0].words) != 1 {
		t.Fatalf("lines = %+v, want one line \"ab cd\" of two words", ls)
	}
	a, b := ls[0].splitAt(0)
	wantX := append([]float64(nil), b.byteX...)
	a.byteX = append(a.byteX, -1) // one: room the line has behind it
	a.words = append(a.words, wordStart{-1, -1})
	if !slices.Equal(b.byteX, wantX) {
		t.Errorf("appending to the first half changed the second's byte positions: %v, want %v", b.byteX, wantX)
	}
	if ls[0].words[0].x != 40 {
		t.Errorf("appending to the first half changed the line's words: %v", ls[0].words)
	}
}
