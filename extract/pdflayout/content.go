package pdflayout

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// glyph is one shown character code, in page space: points from the top-left
// corner of the page, y growing downwards.
//
// A page holds thousands of glyphs, written once as they are shown and
// then referenced by index: 64 bytes, its booleans together, nothing the
// page already knows (its number).
type glyph struct {
	x0, x1 float64 // horizontal extent of the advance
	y      float64 // baseline
	size   float64 // rendered font size
	text   string
	// mcid is the marked-content id enclosing the glyph, -1 outside any.
	mcid int
	bold bool
	// artifact is set inside /Artifact marked content (pagination furniture
	// in a tagged PDF).
	artifact bool
}

func (g glyph) top() float64  { return g.y - 0.8*g.size }
func (g glyph) midX() float64 { return (g.x0 + g.x1) / 2 }
func (g glyph) midY() float64 { return g.y - 0.3*g.size }

// segment is a stroked straight line in page space.
type segment struct {
	x0, y0, x1, y1 float64
	width          float64
}

// box is an axis-aligned rectangle in page space, x0 <= x1, y0 <= y1.
type box struct {
	x0, y0, x1, y1 float64
}

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

// pageContent is everything the interpreter saw on one page.
type pageContent struct {
	number        int
	width, height float64
	glyphs        []glyph
	strokes       []segment
	fills         []box
	// marks are small closed shapes and small images: what a producer
	// that draws list bullets instead of writing them leaves (bullets.go).
	marks []box
}

// textState is the part of the graphics state that text operators set.
type textState struct {
	font      *font
	size      float64
	charSpace float64
	wordSpace float64
	hScale    float64
	leading   float64
	rise      float64
}

type gstate struct {
	ctm       matrix
	lineWidth float64
	text      textState
	// whiteFill is set while the fill colour is white: a white area on
	// a white page is invisible, and its edges bound nothing (producers
	// paint a page's or a box's white background under its content).
	whiteFill bool
	// clip is the rectangle drawing is clipped to, in page space; nil
	// for none. Producers that lay a long document out once and cut it
	// into pages clip each page to its slice: what falls outside is not
	// on that page.
	clip *box
}

// markedContent is one open BDC/BMC.
type markedContent struct {
	mcid     int
	artifact bool
}

// interpreter runs content streams, keeping the graphics state that the
// library's Content() ignores (the CTM above all).
type interpreter struct {
	opts  Options
	cache *docCache
	page  *pageContent

	gs     gstate
	stack  []gstate
	tm     matrix // text matrix
	tlm    matrix // text line matrix
	marked []markedContent

	path   [][][2]float64 // subpaths of device points
	closed []bool
	// clipping is set by W or W*: the current path clips once painted.
	clipping bool
	ops      int
	bytes    int64
	depth    int
}

// maxGraphicsStack bounds q nesting; some producers never close their q.
const maxGraphicsStack = 4096

func newInterpreter(opts Options, cache *docCache, page *pageContent, base matrix) *interpreter {
	return &interpreter{
		opts:  opts,
		cache: cache,
		page:  page,
		gs:    gstate{ctm: base, lineWidth: 1, text: textState{hScale: 1}},
		tm:    identity,
		tlm:   identity,
	}
}

// run interprets a page's content: one stream or an array of streams,
// which the spec reads as one token stream (an operator's operands may
// come from two streams, but a token never straddles them). A page
// without content is empty.
func (in *interpreter) run(contents, resourceDict pdf.Value) {
	buf := in.cache.buf(0)
	switch contents.Kind() {
	case pdf.Stream:
		buf = in.decode(buf, contents)
	case pdf.Array:
		for i := 0; i < contents.Len(); i++ {
			if s := contents.Index(i); s.Kind() == pdf.Stream {
				buf = append(in.decode(buf, s), '\n')
			}
		}
	}
	in.cache.bufs[0] = buf
	in.runBytes(buf, in.cache.resourcesOf(resourceDict))
}

// runBytes interprets decoded content with resources.
func (in *interpreter) runBytes(data []byte, res *resources) {
	lx := in.cache.lexer(in.depth)
	lx.reset(data)
	for {
		op, args, err := lx.next()
		if err == io.EOF {
			return
		}
		if err != nil {
			panic(err)
		}
		in.work(1)
		in.do(operatorName(op), args, res)
	}
}

// operatorNames are the content-stream operators by their first byte.
// The interpreter switches on strings, and making a string of each
// operator read would allocate; comparing the bytes with a few candidates
// does not.
var operatorNames = func() (t [256][]string) {
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX
		f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh
		T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' "`) {
		t[op[0]] = append(t[op[0]], op)
	}
	return t
}()

// operatorName is op as a string, "" for an operator the spec does not
// define (the interpreter ignores those).
func operatorName(op []byte) string {
	if len(op) == 0 {
		return ""
	}
	for _, name := range operatorNames[op[0]] {
		if string(op) == name {
			return name
		}
	}
	return ""
}

// work counts units of work (operators, glyphs shown, path pieces) against
// MaxOperators, so that one operator showing a million glyphs costs as
// much as a million operators.
func (in *interpreter) work(n int) {
	in.ops += n
	if in.ops > in.opts.MaxOperators {
		panic(fmt.Errorf("%w: more than %d operators", ErrLimit, in.opts.MaxOperators))
	}
}

func num(args []operand, i int) float64 {
	if i < 0 || i >= len(args) {
		return 0
	}
	return args[i].float()
}

func (in *interpreter) do(op string, args []operand, res *resources) {
	gs := &in.gs
	switch op {
	case "q":
		if len(in.stack) < maxGraphicsStack {
			in.stack = append(in.stack, *gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			*gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if len(args) == 6 {
			m := matrix{num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5)}
			gs.ctm = m.mul(gs.ctm)
		}
	case "w":
		gs.lineWidth = num(args, 0)

	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Tf":
		if len(args) == 2 {
			gs.text.size = num(args, 1)
			gs.text.font = in.font(res, args[0].name())
		}
	case "Tc":
		gs.text.charSpace = num(args, 0)
	case "Tw":
		gs.text.wordSpace = num(args, 0)
	case "Tz":
		gs.text.hScale = num(args, 0) / 100
	case "TL":
		gs.text.leading = num(args, 0)
	case "Ts":
		gs.text.rise = num(args, 0)
	case "Td":
		in.moveLine(num(args, 0), num(args, 1))
	case "TD":
		gs.text.leading = -num(args, 1)
		in.moveLine(num(args, 0), num(args, 1))
	case "Tm":
		if len(args) == 6 {
			in.tm = matrix{num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5)}
			in.tlm = in.tm
		}
	case "T*":
		in.moveLine(0, -gs.text.leading)
	case "Tj":
		if len(args) > 0 {
			in.show(args[len(args)-1].str())
		}
	case "'":
		in.moveLine(0, -gs.text.leading)
		if len(args) > 0 {
			in.show(args[len(args)-1].str())
		}
	case "\"":
		if len(args) == 3 {
			gs.text.wordSpace = num(args, 0)
			gs.text.charSpace = num(args, 1)
			in.moveLine(0, -gs.text.leading)
			in.show(args[2].str())
		}
	case "TJ":
		if len(args) > 0 {
			in.showArray(args[len(args)-1])
		}

	case "m":
		in.work(1)
		in.path = append(in.path, [][2]float64{in.point(num(args, 0), num(args, 1))})
		in.closed = append(in.closed, false)
	case "l":
		if n := len(in.path); n > 0 {
			in.path[n-1] = append(in.path[n-1], in.point(num(args, 0), num(args, 1)))
		}
	case "c", "v", "y":
		// Curves end where their last two operands say; their shape does
		// not matter for rules, but the current point must move on.
		if n := len(in.path); n > 0 && len(args) >= 2 {
			in.path[n-1] = append(in.path[n-1], in.point(num(args, len(args)-2), num(args, len(args)-1)))
			in.closed[n-1] = true // a curved outline is never a rule
		}
	case "h":
		if n := len(in.closed); n > 0 {
			in.closed[n-1] = true
		}
	case "re":
		x, y, w, h := num(args, 0), num(args, 1), num(args, 2), num(args, 3)
		in.path = append(in.path, [][2]float64{
			in.point(x, y), in.point(x+w, y), in.point(x+w, y+h), in.point(x, y+h),
		})
		in.closed = append(in.closed, true)
	case "S", "s":
		in.stroke(op == "s")
		in.addMarks(op == "s")
		in.clearPath()
	case "f", "F", "f*":
		in.fill()
		in.addMarks(true)
		in.clearPath()
	case "B", "B*", "b", "b*":
		in.fill()
		in.stroke(op == "b" || op == "b*")
		in.addMarks(true)
		in.clearPath()
	case "n":
		in.clearPath()
	case "W", "W*":
		in.clipping = true
	case "g", "rg", "k", "sc", "scn":
		gs.whiteFill = isWhite(op, args)
	case "cs":
		gs.whiteFill = false // every colour space starts at black

	case "BDC", "BMC":
		in.beginMarked(args, res)
	case "EMC":
		if n := len(in.marked); n > 0 {
			in.marked = in.marked[:n-1]
		}
	case "Do":
		if len(args) > 0 {
			in.doXObject(in.xobject(res, args[0].name()), res)
		}
	case "EI":
		in.addImageMark() // an inline image, as the lexer reports it
	}
}

// font returns the font resource name, nil when there is none.
func (in *interpreter) font(res *resources, name []byte) *font {
	if f, ok := res.fonts[string(name)]; ok {
		return f
	}
	key := string(name)
	var f *font
	if fv := res.v.Key("Font").Key(key); fv.Kind() == pdf.Dict {
		f = in.cache.fonts.load(fv)
	}
	res.fonts[key] = f
	return f
}

func (in *interpreter) point(x, y float64) [2]float64 {
	px, py := in.gs.ctm.apply(x, y)
	return [2]float64{px, py}
}

func (in *interpreter) clearPath() {
	if in.clipping {
		in.clipToPath()
		in.clipping = false
	}
	in.path = in.path[:0]
	in.closed = in.closed[:0]
}

func (in *interpreter) moveLine(tx, ty float64) {
	in.tlm = translate(tx, ty).mul(in.tlm)
	in.tm = in.tlm
}

func (in *interpreter) beginMarked(args []operand, res *resources) {
	mc := markedContent{mcid: -1}
	if n := len(in.marked); n > 0 {
		mc = in.marked[n-1] // nested content belongs to the enclosing id
	}
	if len(args) > 0 && string(args[0].name()) == "Artifact" {
		mc.artifact = true
	}
	if len(args) > 1 {
		props := args[1]
		if props.kind == kindName {
			if e := propertiesMCID(res, props.bytes); e.ok {
				mc.mcid = e.id
			}
		} else if id := props.key("MCID"); id.kind == kindInt {
			mc.mcid = int(id.num)
		}
	}
	in.marked = append(in.marked, mc)
}

// propertiesMCID is the MCID of the /Properties entry name of res.
func propertiesMCID(res *resources, name []byte) mcidEntry {
	if e, ok := res.mcids[string(name)]; ok {
		return e
	}
	key := string(name)
	var e mcidEntry
	if id := res.v.Key("Properties").Key(key).Key("MCID"); id.Kind() == pdf.Integer {
		e = mcidEntry{int(id.Int64()), true}
	}
	res.mcids[key] = e
	return e
}

func (in *interpreter) doXObject(x *xobject, res *resources) {
	if x == nil {
		return
	}
	if x.kind == xobjectImage {
		in.addImageMark()
		return
	}
	if x.kind != xobjectForm || in.depth >= in.opts.MaxFormDepth {
		return
	}
	saved, savedStack := in.gs, len(in.stack)
	if x.hasMatrix {
		in.gs.ctm = x.matrix.mul(in.gs.ctm)
	}
	formRes := x.res
	if formRes == nil {
		formRes = res
	}
	in.depth++
	in.runBytes(in.formContent(x), formRes)
	in.depth--
	in.gs = saved
	if len(in.stack) > savedStack {
		in.stack = in.stack[:savedStack]
	}
}

func (in *interpreter) showArray(arr operand) {
	if arr.kind != kindArray {
		return
	}
	ts := &in.gs.text
	for _, v := range arr.elems {
		switch v.kind {
		case kindString:
			in.show(v.bytes)
		case kindInt, kindReal:
			tx := -v.num / 1000 * ts.size * ts.hScale
			in.tm = translate(tx, 0).mul(in.tm)
		}
	}
}

// show lays out the glyphs of one string, advancing the text matrix by each
// code's width from the font dictionary (Content() reports no widths for
// CID fonts, so this cannot come from the library).
func (in *interpreter) show(raw []byte) {
	ts := &in.gs.text
	f := ts.font
	if f == nil {
		return
	}
	mc := markedContent{mcid: -1}
	if n := len(in.marked); n > 0 {
		mc = in.marked[n-1]
	}
	in.work(len(raw))
	f.codes(raw, func(code uint32, n int) {
		w := f.width(code)
		trm := matrix{ts.size * ts.hScale, 0, 0, ts.size, 0, ts.rise}.mul(in.tm).mul(in.gs.ctm)
		x0, y0 := trm.apply(0, 0)
		x1, _ := trm.apply(w, 0)
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		if text := f.text(code); text != "" && ts.size != 0 {
			if size := trm.scaleY(); in.visible((x0+x1)/2, y0-0.3*size) {
				in.page.glyphs = append(in.page.glyphs, glyph{
					x0: x0, x1: x1, y: y0, size: size,
					text: text, bold: f.bold, mcid: mc.mcid, artifact: mc.artifact,
				})
			}
		}
		adv := w*ts.size + ts.charSpace
		if n == 1 && code == 32 {
			adv += ts.wordSpace
		}
		in.tm = translate(adv*ts.hScale, 0).mul(in.tm)
	})
}

// stroke records each straight piece of the current path.
func (in *interpreter) stroke(closeAll bool) {
	width := in.gs.lineWidth * math.Sqrt(math.Abs(in.gs.ctm[0]*in.gs.ctm[3]-in.gs.ctm[1]*in.gs.ctm[2]))
	for i, sub := range in.path {
		in.work(len(sub))
		pts := sub
		if (closeAll || in.closed[i]) && len(sub) > 2 {
			pts = append(pts[:len(pts):len(pts)], sub[0])
		}
		for j := 1; j < len(pts); j++ {
			if s, ok := in.clipSegment(segment{pts[j-1][0], pts[j-1][1], pts[j][0], pts[j][1], width}); ok {
				in.page.strokes = append(in.page.strokes, s)
			}
		}
	}
}

// fill records each subpath that is an axis-aligned rectangle; other shapes
// (glyph outlines, logos) cannot be table rules or cell backgrounds.
func (in *interpreter) fill() {
	if in.gs.whiteFill {
		return
	}
	for _, sub := range in.path {
		if b, ok := axisRect(sub); ok {
			if b, ok = in.clipBox(b); ok {
				in.page.fills = append(in.page.fills, b)
			}
		}
	}
}

// isWhite reports whether a fill colour operator sets white: gray 1, RGB
// 1 1 1, CMYK 0 0 0 0 (sc and scn by their number of components; a
// pattern is never white).
func isWhite(op string, args []operand) bool {
	const eps = 0.005
	n := len(args)
	for _, a := range args {
		if !a.isNumber() {
			return false
		}
	}
	if op == "k" || (op == "sc" || op == "scn") && n == 4 {
		for i := range n {
			if num(args, i) > eps {
				return false
			}
		}
		return n == 4
	}
	if n != 1 && n != 3 {
		return false
	}
	for i := range n {
		if num(args, i) < 1-eps {
			return false
		}
	}
	return true
}

// clipToPath narrows the clip to the current path where that is one
// axis-aligned rectangle; other clip shapes are not followed.
func (in *interpreter) clipToPath() {
	if len(in.path) != 1 {
		return
	}
	b, ok := axisRect(in.path[0])
	if !ok {
		return
	}
	if c := in.gs.clip; c != nil {
		b = box{max(b.x0, c.x0), max(b.y0, c.y0), min(b.x1, c.x1), min(b.y1, c.y1)}
	}
	in.gs.clip = &b
}

// clipSlack (points) keeps what the clip cuts by a hair: rules drawn on
// the clip's edge.
const clipSlack = 1.0

func (in *interpreter) visible(x, y float64) bool {
	c := in.gs.clip
	return c == nil || x >= c.x0-clipSlack && x <= c.x1+clipSlack && y >= c.y0-clipSlack && y <= c.y1+clipSlack
}

// clipBox cuts b to the clip; ok is false where nothing is left.
func (in *interpreter) clipBox(b box) (box, bool) {
	c := in.gs.clip
	if c == nil {
		return b, true
	}
	b = box{max(b.x0, c.x0-clipSlack), max(b.y0, c.y0-clipSlack), min(b.x1, c.x1+clipSlack), min(b.y1, c.y1+clipSlack)}
	return b, b.x1 > b.x0 && b.y1 > b.y0
}

// clipSegment cuts a horizontal or vertical segment to the clip; a
// slanted one is kept while either end is inside.
func (in *interpreter) clipSegment(s segment) (segment, bool) {
	c := in.gs.clip
	if c == nil {
		return s, true
	}
	x0, x1 := min(s.x0, s.x1), max(s.x0, s.x1)
	y0, y1 := min(s.y0, s.y1), max(s.y0, s.y1)
	if x0 != x1 && y0 != y1 {
		return s, in.visible(s.x0, s.y0) || in.visible(s.x1, s.y1)
	}
	b, ok := in.clipBox(box{x0, y0, x1, y1})
	if !ok && !(x0 == x1 && b.y1 > b.y0 || y0 == y1 && b.x1 > b.x0) {
		return s, false
	}
	if x0 == x1 && (x0 < c.x0-clipSlack || x0 > c.x1+clipSlack) || y0 == y1 && (y0 < c.y0-clipSlack || y0 > c.y1+clipSlack) {
		return s, false
	}
	return segment{b.x0, b.y0, b.x1, b.y1, s.width}, true
}

// addMarks records the small closed subpaths just painted (a filled or
// outlined dot, square, diamond or arrow) as candidate bullets. A filled
// path is closed whatever its operators say.
func (in *interpreter) addMarks(closeAll bool) {
	for i, sub := range in.path {
		if len(sub) >= 3 && (closeAll || in.closed[i]) {
			in.addMark(boundsOf(sub))
		}
	}
}

// addMark records b as a candidate bullet when it is small enough for one
// and not clipped away.
func (in *interpreter) addMark(b box) {
	if isMarkSize(b) && in.visible((b.x0+b.x1)/2, (b.y0+b.y1)/2) {
		in.page.marks = append(in.page.marks, b)
	}
}

// addImageMark records an image as a candidate bullet. An image carries
// no text or rules, but a small one may be a list bullet: it is drawn in
// the unit square under the CTM.
func (in *interpreter) addImageMark() {
	in.addMark(boundsOf([][2]float64{in.point(0, 0), in.point(1, 0), in.point(1, 1), in.point(0, 1)}))
}

// maxMarkSize (points) bounds a bullet's width and height; a shape larger
// than this is a picture or an icon, not a marker of text.
const maxMarkSize = 12.0

// isMarkSize reports a box small enough for a bullet and roughly as wide
// as high (a rule or an underline is not a bullet).
func isMarkSize(b box) bool {
	w, h := b.w(), b.h()
	return w > 0.5 && h > 0.5 && w <= maxMarkSize && h <= maxMarkSize && w <= 3*h && h <= 3*w
}

func boundsOf(pts [][2]float64) box {
	b := box{pts[0][0], pts[0][1], pts[0][0], pts[0][1]}
	for _, p := range pts[1:] {
		b.x0, b.x1 = min(b.x0, p[0]), max(b.x1, p[0])
		b.y0, b.y1 = min(b.y0, p[1]), max(b.y1, p[1])
	}
	return b
}

// axisRect reports whether pts trace an axis-aligned rectangle, and which.
func axisRect(pts [][2]float64) (box, bool) {
	if len(pts) == 5 && near(pts[0], pts[4]) {
		pts = pts[:4]
	}
	if len(pts) != 4 {
		return box{}, false
	}
	const eps = 0.5
	for i := range 4 {
		a, b := pts[i], pts[(i+1)%4]
		if math.Abs(a[0]-b[0]) > eps && math.Abs(a[1]-b[1]) > eps {
			return box{}, false
		}
	}
	b := box{pts[0][0], pts[0][1], pts[0][0], pts[0][1]}
	for _, p := range pts[1:] {
		b.x0, b.x1 = min(b.x0, p[0]), max(b.x1, p[0])
		b.y0, b.y1 = min(b.y0, p[1]), max(b.y1, p[1])
	}
	return b, true
}

func near(a, b [2]float64) bool {
	return math.Abs(a[0]-b[0]) < 0.5 && math.Abs(a[1]-b[1]) < 0.5
}
