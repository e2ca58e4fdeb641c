package pdflayout

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// lexOps runs the content lexer over data and renders each operator with
// its operands, one string each. It also returns the lexer's departures
// and error (nil at a clean end).
func lexOps(data []byte) (ops []string, departures int, err error) {
	var lx contentLexer
	lx.reset(data)
	for {
		op, args, err := lx.next()
		if err == io.EOF {
			return ops, lx.departures, nil
		}
		if err != nil {
			return ops, lx.departures, err
		}
		var b strings.Builder
		for _, a := range args {
			b.WriteString(formatOperand(a))
			b.WriteByte(' ')
		}
		b.WriteString(string(op))
		ops = append(ops, b.String())
	}
}

func formatNumber(prefix string, f float64) string {
	return prefix + strconv.FormatFloat(f, 'g', -1, 64)
}

func formatOperand(o operand) string {
	switch o.kind {
	case kindBool:
		return strconv.FormatBool(o.num == 1)
	case kindInt:
		return formatNumber("i", o.num)
	case kindReal:
		return formatNumber("r", o.num)
	case kindString:
		return strconv.Quote(string(o.bytes))
	case kindName:
		return "/" + strconv.Quote(string(o.bytes))
	case kindArray:
		parts := make([]string, len(o.elems))
		for i, e := range o.elems {
			parts[i] = formatOperand(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case kindDict:
		m := map[string]string{}
		for i := 0; i+1 < len(o.elems); i += 2 {
			m[string(o.elems[i].bytes)] = formatOperand(o.elems[i+1])
		}
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range m {
				if !yield(k) {
					return
				}
			}
		})
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = "/" + strconv.Quote(k) + " " + m[k]
		}
		return "<<" + strings.Join(parts, " ") + ">>"
	}
	return "null"
}

// formatValue renders a library operand as formatOperand renders ours.
func formatValue(v pdf.Value) string {
	switch v.Kind() {
	case pdf.Bool:
		return strconv.FormatBool(v.Bool())
	case pdf.Integer:
		return formatNumber("i", v.Float64())
	case pdf.Real:
		return formatNumber("r", v.Float64())
	case pdf.String:
		return strconv.Quote(v.RawString())
	case pdf.Name:
		return "/" + strconv.Quote(v.Name())
	case pdf.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = formatValue(v.Index(i))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case pdf.Dict:
		keys := v.Keys()
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = "/" + strconv.Quote(k) + " " + formatValue(v.Key(k))
		}
		return "<<" + strings.Join(parts, " ") + ">>"
	}
	return "null"
}

// libraryOps renders what pdf.Interpret reads from contents as lexOps
// does; ok is false where the library panics.
func libraryOps(contents pdf.Value) (ops []string, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			ok = false
		}
	}()
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args := make([]string, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = formatValue(stk.Pop())
		}
		ops = append(ops, strings.Join(append(args, op), " "))
	})
	return ops, true
}

// decodedContent is contents decoded as the interpreter decodes it; file
// is the PDF read.
func decodedContent(file []byte, contents pdf.Value) []byte {
	in := &interpreter{opts: DefaultOptions, cache: newDocCache(file)}
	var buf []byte
	switch contents.Kind() {
	case pdf.Stream:
		buf = in.decode(nil, contents)
	case pdf.Array:
		for i := 0; i < contents.Len(); i++ {
			if s := contents.Index(i); s.Kind() == pdf.Stream {
				buf = append(in.decode(buf, s), '\n')
			}
		}
	}
	return buf
}

// TestContentLexerAgreesWithLibrary reads every content stream of every
// corpus and testdata PDF (pages and the forms they draw) with the content
// lexer and with pdf.Interpret: the operators and operands must be the
// same, and the lexer must meet nothing it reads otherwise than the
// library.
func TestContentLexerAgreesWithLibrary(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "*", "*.pdf"))
	testdata, _ := filepath.Glob("testdata/*.pdf")
	paths = append(paths, testdata...)
	if len(paths) == 0 {
		t.Skip("no PDFs")
	}
	streams, operators := 0, 0
	for _, p := range paths {
		file, refs := readPages(t, p)
		seen := map[uint32]bool{}
		var check func(where string, contents, res pdf.Value)
		check = func(where string, contents, res pdf.Value) {
			streams++
			want, ok := libraryOps(contents)
			if !ok {
				t.Errorf("%s: the library fails", where)
				return
			}
			got, departures, err := lexOps(decodedContent(file, contents))
			operators += len(got)
			if err != nil || departures != 0 {
				t.Errorf("%s: error %v, %d departures from the library", where, err, departures)
			}
			if !reflect.DeepEqual(got, want) {
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Errorf("%s: operator %d is %q, the library's %q", where, i, got[i], want[i])
						break
					}
				}
				t.Errorf("%s: %d operators, the library's %d", where, len(got), len(want))
			}
			xobjects := res.Key("XObject")
			for _, name := range xobjects.Keys() {
				x := xobjects.Key(name)
				if id := objectNumber(x); x.Key("Subtype").Name() == "Form" && !seen[id] {
					seen[id] = true
					formRes := x.Key("Resources")
					if formRes.Kind() != pdf.Dict {
						formRes = res
					}
					check(fmt.Sprintf("%s form %d", filepath.Base(p), id), x, formRes)
				}
			}
		}
		for i, ref := range refs {
			check(fmt.Sprintf("%s page %d", filepath.Base(p), i+1), ref.v.Key("Contents"), ref.resources)
		}
	}
	t.Logf("%d PDFs, %d content streams, %d operators", len(paths), streams, operators)
}

func TestContentLexerStrings(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       []string
		departures int
	}{
		{"escapes", `(a\nb\rc\td\be\ff\(g\)h\\i) Tj`, []string{`"a\nb\rc\td\be\ff(g)h\\i" Tj`}, 0},
		{"octal", `(\101\7x\0053\1234) Tj`, []string{`"A\ax\x053S4" Tj`}, 0},
		{"line continuation", "(ab\\\ncd\\\r\nef\\\rgh) Tj", []string{`"abcdefgh" Tj`}, 0},
		{"raw line ends kept", "(a\r\nb) Tj", []string{`"a\r\nb" Tj`}, 0},
		{"nested parentheses", `(a(b(c))d) Tj`, []string{`"a(b(c))d" Tj`}, 0},
		{"unknown escape keeps its character", `(a\qb) Tj`, []string{`"aqb" Tj`}, 1},
		{"octal over 255 keeps its low byte", `(\777) Tj`, []string{`"\xff" Tj`}, 1},
		{"unterminated", `(abc`, nil, 1},
		{"hex", `<48 65 6c6C 6F> Tj <> Tj`, []string{`"Hello" Tj`, `"" Tj`}, 0},
		{"odd hex ends in 0", `<414> Tj`, []string{`"A@" Tj`}, 1},
		{"names", `/A#42C /#20x /Bad#zz /Short#4 /Empty# / Do`, []string{`/"ABC" /" x" /"Bad#zz" /"Short#4" /"Empty#" /"" Do`}, 3},
		{"numbers", `1 -2 +3 .5 -.5 5. -0 -0.0 0.1 123456789012345678 Tz`,
			[]string{`i1 i-2 i3 r0.5 r-0.5 r5 i0 r-0 r0.1 i1.2345678901234568e+17 Tz`}, 0},
		{"not numbers", `1.2.3 --5 5- Tz`, []string{`1.2.3`, `--5`, `5-`, `Tz`}, 0},
		{"comments and booleans", "true % a comment ) ( <\nfalse null BX", []string{`true false null BX`}, 0},
		{"arrays and dictionaries", `[(a) -120 [1 /N] <</K [2]>>] TJ /P <</MCID 3 /MCID 4>> BDC`,
			[]string{`["a" i-120 [i1 /"N"] <</"K" [i2]>>] TJ`, `/"P" <</"MCID" i4>> BDC`}, 0},
		{"unbalanced closers are nulls", `] >> 1 Tc`, []string{`null null i1 Tc`}, 0},
		{"operator in an array drops the array", `[(a) Tj] 2 Tc`, []string{`null i2 Tc`}, 0},
		{"key that is no name drops the dictionary", `<< 1 2 >> 3 Tc`, []string{`i2 null i3 Tc`}, 0},
		{"truncated array", `[1 2`, nil, 0},
		{"stray delimiters", `) > 1 Tc`, []string{`i1 Tc`}, 2},
		{"braces are operators", `{ 1 }`, []string{`{`, `i1 }`}, 0},
		{"deep nesting is dropped", strings.Repeat("[", 100) + strings.Repeat("]", 100) + " 1 Tc",
			[]string{strings.Repeat("[", 99-maxNesting) + strings.Repeat("]", 99-maxNesting) + " " + strings.Repeat("null ", maxNesting+1) + "i1 Tc"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, departures, err := lexOps([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || departures != tt.departures {
				t.Errorf("got %q (%d departures), want %q (%d)", got, departures, tt.want, tt.departures)
			}
		})
	}
}

func TestContentLexerMalformedHex(t *testing.T) {
	_, _, err := lexOps([]byte("<zz> Tj"))
	if !errors.Is(err, errContentSyntax) || !strings.Contains(err.Error(), "hex") {
		t.Errorf("error %v, want a malformed hex string", err)
	}
}

func TestContentLexerNumbersMatchStrconv(t *testing.T) {
	for _, s := range []string{"0.1", "0.3", "612.0", "-841.89", "0.000001", "3.14159265358979", "1.7976931348623157",
		"123456.789012", "0.1000000000000000055511151231257827", "99999999999999999999.5", "4503599627370497.5",
		"9007199254740993", "-9223372036854775808", "2.2250738585072014", "72.00000000000000000000001"} {
		v, _, ok, _ := parseNumber([]byte(s))
		want, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil || math.Float64bits(v) != math.Float64bits(want) {
			t.Errorf("parseNumber(%q) = %v, %v; strconv says %v", s, v, ok, want)
		}
	}
}

func TestContentLexerInlineImages(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       []string
		departures int
	}{
		{"binary data with EI inside", "q BI /W 4 /H 1 /BPC 8 /CS /G ID \x00EI\xffEI EI Q",
			[]string{"q", "BI", `/"W" i4 /"H" i1 /"BPC" i8 /"CS" /"G" EI`, "Q"}, 0},
		{"EI followed by binary is data", "BI /W 9 ID a\nEI \xff\x00\x01\x02 EI\n1 Tc",
			[]string{"BI", `/"W" i9 EI`, "i1 Tc"}, 0},
		{"length given", "BI /L 6 ID  EI EI EI 2 Tc", []string{"BI", `/"L" i6 EI`, "i2 Tc"}, 0},
		{"wrong length falls back to scanning", "BI /Length 2 ID abcd EI 3 Tc", []string{"BI", `/"Length" i2 EI`, "i3 Tc"}, 0},
		{"empty data", "BI ID EI 4 Tc", []string{"BI", "EI", "i4 Tc"}, 0},
		{"no EI", "BI /W 1 ID \xff\xfe 5 Tc", []string{"BI", `/"W" i1 EI`}, 1},
		{"no ID", "BI /W 1 Q", []string{"BI", `/"W" i1 Q`}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, departures, err := lexOps([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || departures != tt.departures {
				t.Errorf("got %q (%d departures), want %q (%d)", got, departures, tt.want, tt.departures)
			}
		})
	}
}

// TestInlineImageIsAMark: a small inline image is a bullet candidate, as
// a small image XObject is; its data shows no text.
func TestInlineImageIsAMark(t *testing.T) {
	content := "q 6 0 0 6 50 696 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff(Tj)\xff EI Q\n" + textAt(62, 696, 12, "Item")
	data := testPDF{pages: []string{content}}.bytes()
	_, refs := pagesOf(t, "test PDF", data)
	pc, err := interpretPage(refs[0], 1, DefaultOptions, newDocCache(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.marks) != 1 || len(pc.glyphs) != 4 {
		t.Errorf("marks %v, %d glyphs; want one mark and the 4 glyphs of Item", pc.marks, len(pc.glyphs))
	}
}

// FuzzContentLexer feeds arbitrary content streams to the lexer and the
// interpreter: nothing panics, every operator read moves the lexer on,
// and where the library reads the same bytes without failing, and the
// lexer meets none of its departures (inline images, PostScript
// dictionary operators and the like), both read the same operators and
// operands.
func FuzzContentLexer(f *testing.F) {
	for _, s := range []string{
		textAt(50, 700, 12, "Hello (world)") + spanningTable(50, 600),
		"BT /F1 12 Tf 0 Tc 0 Tw 100 Tz 14 TL 1 0 0 1 72 720 Tm [(A) -120 (V) 30.5 (A)] TJ T* (next) ' 1 2 (x) \" ET",
		"/Artifact <</Type /Pagination>> BDC q 0.5 w 0 0 m 100 0 l S Q EMC /P <</MCID 0>> BDC EMC /Span /MC0 BDC EMC",
		"q 1 1 1 rg 0 0 612 792 re f Q 0 0 0 1 k 10 10 5 5 re W n /Im1 Do /Fm1 Do",
		"q 4 0 0 4 10 10 cm BI /W 2 /H 2 /BPC 8 /CS /G /F /AHx ID 00ff00ff> EI Q",
		"BI /W 4 /H 1 /BPC 8 /CS /G /L 4 ID \x00EI\xff EI 1 Tc",
		"(a\\nb\\101\\\nc\\q) Tj <48 65 6c 6c 6f> Tj <414> Tj /A#42 Tf",
		"[1 [2 [3 <</A [4]>>]]] TJ ] >> ) > 1.2.3 --5 . -. 99999999999999999999999 Tc",
		"/CIDInit /ProcSet findresource begin 12 dict begin /X 1 def X end end",
		"[(unterminated TJ", "(unterminated", "<4142", "BI /W 1 ID \xff",
		"% only a comment", "{ 1 2 add } 3 Tc",
	} {
		f.Add([]byte(s))
	}
	opts := Options{MaxOperators: 100_000, MaxContentBytes: 1 << 20}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		// The lexer alone: every operator moves it on, so its work is
		// bounded by the input's size.
		var lx contentLexer
		lx.reset(data)
		for last := -1; ; {
			_, _, err := lx.next()
			if err != nil {
				break
			}
			if lx.pos <= last {
				t.Fatalf("no progress at byte %d", lx.pos)
			}
			last = lx.pos
		}

		// The interpreter, on a page with a font: a failure is an error,
		// never a runtime panic.
		pdfData := testPDF{pages: []string{string(data)}}.bytes()
		_, refs := pagesOf(t, "test PDF", pdfData)
		if len(refs) != 1 {
			t.Fatalf("%d pages", len(refs))
		}
		if _, err := interpretPage(refs[0], 1, opts, newDocCache(pdfData), 0); err != nil {
			var re runtime.Error
			if errors.As(err, &re) {
				t.Fatal(err)
			}
		}

		// Against the library, where both may agree.
		contents := refs[0].v.Key("Contents")
		got, departures, err := lexOps(decodedContent(pdfData, contents))
		if err != nil || departures > 0 {
			return
		}
		for _, op := range got {
			switch op[strings.LastIndexByte(op, ' ')+1:] {
			case "BI", "EI", "begin", "end", "def", "dict", "currentdict", "pop":
				return
			}
		}
		want, ok := libraryOps(contents)
		if ok && !reflect.DeepEqual(got, want) {
			t.Errorf("lexer read %q\nthe library %q", got, want)
		}
	})
}

// BenchmarkContentLexer tokenizes every page's decoded content of the
// corpus PDFs (testdata's when the shared corpus is absent): the lexer
// allocates nothing once its stack and arena have grown.
func BenchmarkContentLexer(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "*", "*.pdf"))
	if len(paths) == 0 {
		paths, _ = filepath.Glob("testdata/*.pdf")
	}
	var contents [][]byte
	size := 0
	for _, p := range paths {
		file, refs := readPages(b, p)
		for _, ref := range refs {
			c := decodedContent(file, ref.v.Key("Contents"))
			contents = append(contents, c)
			size += len(c)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var lx contentLexer
	ops := 0
	for b.Loop() {
		for _, c := range contents {
			lx.reset(c)
			for {
				if _, _, err := lx.next(); err != nil {
					break
				}
				ops++
			}
		}
	}
	b.ReportMetric(float64(ops)/b.Elapsed().Seconds(), "ops/s")
}

func TestOperatorName(t *testing.T) {
	for _, op := range []string{"Tj", "T*", "'", `"`, "BDC", "b*", "W*", "scn", "EI", "q"} {
		if got := operatorName([]byte(op)); got != op {
			t.Errorf("operatorName(%q) = %q", op, got)
		}
	}
	for _, op := range []string{"", "Tjx", "T", "begin", "def", "1", "{"} {
		if got := operatorName([]byte(op)); got != "" {
			t.Errorf("operatorName(%q) = %q, want none", op, got)
		}
	}
	op := []byte("BDC")
	if n := testing.AllocsPerRun(100, func() { _ = operatorName(op) }); n != 0 {
		t.Errorf("%v allocations per operator name", n)
	}
}

// TestContentLexerOperandLimit: operands piling up before an operator,
// loose or in closed arrays, stop at maxOperands.
func TestContentLexerOperandLimit(t *testing.T) {
	for name, in := range map[string]string{
		"numbers": strings.Repeat("1 ", maxOperands+1) + "Tc",
		"arrays":  strings.Repeat("[1] ", maxOperands/2+1) + "TJ",
	} {
		if _, _, err := lexOps([]byte(in)); !errors.Is(err, ErrLimit) {
			t.Errorf("%s: error %v, want the operand limit", name, err)
		}
	}
}

// TestCMapLiteralsAsContent: a CMap's literal strings decode as a content
// stream's do (one decoder, appendLiteral), line continuations included.
func TestCMapLiteralsAsContent(t *testing.T) {
	for in, want := range map[string]string{
		`(a\nb\(c\)\\d)`:         "a\nb(c)\\d",
		`(\101\7x\0053)`:         "A\ax\x053",
		"(ab\\\ncd\\\r\nef)":     "abcdef",
		`(a(b)c)`:                "a(b)c",
		`(unterminated`:          "unterminated",
		`(Adobe) (Identity) def`: "Adobe",
	} {
		lx := &cmapLexer{data: []byte(in)}
		tok, ok := lx.next()
		if !ok || tok.kind != cmapString || tok.text != want {
			t.Errorf("%q: token %+v %v, want the string %q", in, tok, ok, want)
		}
	}
}
