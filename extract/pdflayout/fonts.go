package pdflayout

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// font is what the interpreter needs of a PDF font: how to split a string
// into codes, each code's advance width and each code's text.
type font struct {
	name        string
	composite   bool // Type0: codes are CIDs through a CMap, widths from /W
	bold        bool
	italic      bool
	widths      map[uint32]float64 // glyph-space units (1/1000 em)
	defaultW    float64
	widthScale  float64 // glyph space to text space; 0.001 except Type 3
	unicode     *toUnicode
	simpleTable *[256]string // text of each byte of a simple font without ToUnicode
	// lowWidths are width's answers for codes below 256, the codes of
	// every simple font and many composite ones: show asks for each glyph.
	lowWidths *[256]float64
}

// fontCache loads each font dictionary once per document. Fonts are keyed
// by their printed dictionary, which names the indirect objects they refer
// to, so two pages sharing a font object share the entry.
type fontCache map[string]*font

func (c fontCache) load(v pdf.Value) *font {
	key := v.String()
	if f, ok := c[key]; ok {
		return f
	}
	f := loadFont(v)
	c[key] = f
	return f
}

func loadFont(v pdf.Value) *font {
	f := &font{
		name:       v.Key("BaseFont").Name(),
		widths:     map[uint32]float64{},
		widthScale: 0.001,
	}
	desc := v.Key("FontDescriptor")
	if v.Key("Subtype").Name() == "Type0" {
		f.composite = true
		desc = loadCIDWidths(f, v.Key("DescendantFonts").Index(0))
	} else {
		loadSimpleWidths(f, v)
		if v.Key("Subtype").Name() == "Type3" {
			if fm := v.Key("FontMatrix"); fm.Len() == 6 {
				f.widthScale = fm.Index(0).Float64()
			}
		}
	}
	if desc.Kind() == pdf.Dict {
		if !f.composite && f.defaultW == 0 {
			f.defaultW = desc.Key("MissingWidth").Float64()
		}
		flags := desc.Key("Flags").Int64()
		f.bold = desc.Key("FontWeight").Float64() >= 600 || flags&(1<<18) != 0
		f.italic = flags&(1<<6) != 0 || desc.Key("ItalicAngle").Float64() != 0
	}
	lower := strings.ToLower(f.name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi"} {
		if strings.Contains(lower, w) {
			f.bold = true
		}
	}
	if strings.Contains(lower, "italic") || strings.Contains(lower, "oblique") {
		f.italic = true
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.unicode = parseToUnicode(tu)
	}
	if !f.composite {
		f.simpleTable = simpleEncoding(v)
	}
	var low [256]float64
	for c := range low {
		low[c] = f.width(uint32(c))
	}
	f.lowWidths = &low
	return f
}

// loadSimpleWidths reads /FirstChar and /Widths. Fonts without them (the
// standard 14) get a typical average width so that spacing still works.
func loadSimpleWidths(f *font, v pdf.Value) {
	first := v.Key("FirstChar").Int64()
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths[uint32(first)+uint32(i)] = ws.Index(i).Float64()
	}
	if ws.Len() == 0 {
		f.defaultW = 500
	}
}

// loadCIDWidths reads a CIDFont's /DW and /W: arrays of "c [w1 w2 ...]"
// and "cfirst clast w". It returns the CIDFont's descriptor.
func loadCIDWidths(f *font, cid pdf.Value) pdf.Value {
	f.defaultW = 1000
	if dw := cid.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.defaultW = dw.Float64()
	}
	w := cid.Key("W")
	const maxCIDs = 1 << 16
	for i := 0; i < w.Len(); {
		first := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for j := 0; j < next.Len() && j < maxCIDs; j++ {
				f.widths[c+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		lo, hi := first.Int64(), next.Int64()
		width := w.Index(i + 2).Float64()
		for c := lo; c <= hi && c-lo < maxCIDs; c++ {
			f.widths[uint32(c)] = width
		}
		i += 3
	}
	return cid.Key("FontDescriptor")
}

// simpleEncoding builds the byte-to-text table of a simple font from its
// /Encoding (WinAnsi, MacRoman, Differences) through the library's decoder.
func simpleEncoding(v pdf.Value) *[256]string {
	var t [256]string
	enc := (&pdf.Font{V: v}).Encoder()
	func() {
		defer func() { _ = recover() }()
		for b := 0; b < 256; b++ {
			t[b] = enc.Decode(string([]byte{byte(b)}))
		}
	}()
	return &t
}

// codes splits a shown string into character codes.
func (f *font) codes(raw []byte, yield func(code uint32, n int)) {
	if !f.composite {
		for _, c := range raw {
			yield(uint32(c), 1)
		}
		return
	}
	for len(raw) > 0 {
		n := min(codeLength(f.unicode, raw, 2), len(raw))
		yield(codeValue(raw[:n]), n)
		raw = raw[n:]
	}
}

// width is the advance of code in text space units per unit font size.
func (f *font) width(code uint32) float64 {
	if code < 256 && f.lowWidths != nil {
		return f.lowWidths[code]
	}
	w, ok := f.widths[code]
	if !ok {
		w = f.defaultW
	}
	return w * f.widthScale
}

// text is the Unicode text of code, "" when the font gives no way to know.
func (f *font) text(code uint32) string {
	if s, ok := f.unicode.lookup(code); ok {
		return s
	}
	if f.simpleTable != nil && code < 256 {
		return f.simpleTable[code]
	}
	if !f.composite && code < 256 {
		return string(rune(code))
	}
	return ""
}
