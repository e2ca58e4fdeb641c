package pdflayout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// contentlex.go tokenizes decoded content streams in one pass, without
// allocating per token: operands live on a reused stack of a small value
// type, decoded string bytes in a reused arena, and names and strings
// without escapes point into the stream's bytes. The library's
// pdf.Interpret builds a boxed pdf.Value per operand and a string per
// keyword, which cost more than the rest of the interpreter together.
//
// Where the library reads a content stream at all, this reader reads the
// same operators and operands (the differential test in
// contentlex_test.go holds it to that). It departs where the library
// fails the page or reads garbage:
//   - inline images (BI ... ID data EI) are skipped whole, their end found
//     by /L or /Length when given, else as robust readers do (whitespace,
//     "EI", whitespace or the end, then no binary data), and reported as
//     one EI operator whose operands are the image dictionary's entries;
//   - an escape the spec does not list keeps its character, an octal
//     escape over 255 keeps its low byte, an odd hex string ends in a 0
//     digit, a '#' in a name not followed by two hex digits stays a '#',
//     a number too large for its type or a lone "." is read as well as it
//     can be, a stray ')' or '>' is skipped;
//   - PostScript's dictionary operators (begin, def, ...) are not content
//     syntax: they are operators like any unknown one.
//
// Each of these is counted in departures, so tests can tell input the
// library reads differently from input where the two must agree.

// operandKind is the type of a content-stream operand.
type operandKind uint8

const (
	kindNull operandKind = iota
	kindBool
	kindInt
	kindReal
	kindString
	kindName
	kindArray
	kindDict
)

// operand is one operand of a content-stream operator. Its slices point
// into the stream's bytes or the lexer's arena and stack, valid until the
// lexer reads the next operator.
type operand struct {
	kind operandKind
	// num is the value of a number; 1 for true.
	num float64
	// bytes are a string's decoded bytes or a name's, without the slash.
	bytes []byte
	// elems are an array's elements, or a dictionary's keys and values
	// alternating.
	elems []operand
}

// float is a number's value, 0 for any other operand (as pdf.Value's
// Float64).
func (o operand) float() float64 {
	if o.kind == kindInt || o.kind == kindReal {
		return o.num
	}
	return 0
}

func (o operand) isNumber() bool { return o.kind == kindInt || o.kind == kindReal }

// name is a name operand's bytes, nil for any other operand.
func (o operand) name() []byte {
	if o.kind == kindName {
		return o.bytes
	}
	return nil
}

// str is a string operand's bytes, nil for any other operand.
func (o operand) str() []byte {
	if o.kind == kindString {
		return o.bytes
	}
	return nil
}

// key is the value of key in a dictionary operand (the last, where a key
// is repeated), null when absent or o is no dictionary.
func (o operand) key(key string) operand {
	if o.kind != kindDict {
		return operand{}
	}
	for i := len(o.elems) - 2; i >= 0; i -= 2 {
		if string(o.elems[i].bytes) == key {
			return o.elems[i+1]
		}
	}
	return operand{}
}

// maxOperands bounds the operands (nested elements included) waiting for
// one operator: a stream of numbers and no operator would otherwise grow
// the stack with its size.
const maxOperands = 1 << 18

// maxNesting bounds how deeply arrays and dictionaries nest in one
// operand; deeper, the operand is dropped as malformed.
const maxNesting = 64

// opEI is the operator an inline image is reported as.
var opEI = []byte("EI")

// errContentSyntax is content that cannot be read on: the page fails, as
// it did when the library read content streams.
var errContentSyntax = errors.New("malformed content stream")

// container is an array or dictionary being read: its elements are on
// the stack from at.
type container struct {
	at   int
	dict bool
}

// contentLexer splits decoded content into operators and their operands.
type contentLexer struct {
	data  []byte
	pos   int
	stack []operand // top-level operands, then open containers' elements
	elems []operand // closed containers' elements
	arena []byte    // decoded strings and names
	open  []container
	// inImage is set between BI and ID.
	inImage bool
	// departures counts places read otherwise than the library would.
	departures int
}

func (lx *contentLexer) reset(data []byte) {
	lx.data, lx.pos, lx.inImage, lx.departures = data, 0, false, 0
}

// next returns the next operator and its operands, io.EOF at the end. Op
// and args are valid until the next call.
func (lx *contentLexer) next() (op []byte, args []operand, err error) {
	lx.stack, lx.elems, lx.arena, lx.open = lx.stack[:0], lx.elems[:0], lx.arena[:0], lx.open[:0]
	d := lx.data
	for {
		for lx.pos < len(d) {
			if c := d[lx.pos]; isPDFSpace(c) {
				lx.pos++
			} else if c == '%' {
				for lx.pos < len(d) && d[lx.pos] != '\r' && d[lx.pos] != '\n' {
					lx.pos++
				}
			} else {
				break
			}
		}
		if lx.pos >= len(d) {
			// Operands with no operator after them are dropped.
			return nil, nil, io.EOF
		}
		if len(lx.stack)+len(lx.elems) >= maxOperands {
			return nil, nil, fmt.Errorf("%w: more than %d operands before an operator", ErrLimit, maxOperands)
		}
		switch c := d[lx.pos]; c {
		case '(':
			lx.push(operand{kind: kindString, bytes: lx.literalString()})
		case '<':
			if lx.pos+1 < len(d) && d[lx.pos+1] == '<' {
				lx.pos += 2
				lx.openContainer(true)
				continue
			}
			s, err := lx.hexString()
			if err != nil {
				return nil, nil, err
			}
			lx.push(operand{kind: kindString, bytes: s})
		case '>':
			lx.pos++
			if lx.pos < len(d) && d[lx.pos] == '>' {
				lx.pos++
				lx.closeContainer(true)
				continue
			}
			lx.departures++ // a stray '>'
		case '[':
			lx.pos++
			lx.openContainer(false)
		case ']':
			lx.pos++
			lx.closeContainer(false)
		case '/':
			lx.push(operand{kind: kindName, bytes: lx.name()})
		case ')':
			lx.pos++
			lx.departures++ // a stray ')'
		case '{', '}':
			// PostScript procedure braces: operators to the library.
			lx.pos++
			if op, ok := lx.keyword(d[lx.pos-1 : lx.pos]); ok {
				return op, lx.stack, nil
			}
		default:
			tok := lx.regular()
			if v, ok := lx.value(tok); ok {
				lx.push(v)
				continue
			}
			if op, ok := lx.keyword(tok); ok {
				return op, lx.stack, nil
			}
		}
	}
}

// keyword handles a token that is no value: the operator to return, or
// ok false where it ends an operand being read (inside an array or
// dictionary the library drops the whole operand and reads on after the
// keyword).
func (lx *contentLexer) keyword(tok []byte) (op []byte, ok bool) {
	if len(lx.open) > 0 {
		lx.drop()
		return nil, false
	}
	if lx.inImage {
		lx.inImage = false
		if string(tok) == "ID" {
			lx.skipImageData(lx.imageLength())
			return opEI, true
		}
		lx.departures++ // an image dictionary without ID
	}
	if string(tok) == "BI" {
		lx.inImage = true
	}
	return tok, true
}

// push adds a read operand to the stack, or to the open container.
func (lx *contentLexer) push(o operand) {
	if n := len(lx.open); n > 0 {
		c := lx.open[n-1]
		if c.dict && (len(lx.stack)-c.at)%2 == 0 && o.kind != kindName {
			lx.drop() // a dictionary key that is no name
			return
		}
	}
	lx.stack = append(lx.stack, o)
}

// drop discards the operand being read (the outermost open container),
// as the library does with an operand it cannot parse.
func (lx *contentLexer) drop() {
	lx.stack = lx.stack[:lx.open[0].at]
	lx.open = lx.open[:0]
}

func (lx *contentLexer) openContainer(dict bool) {
	if n := len(lx.open); n > 0 {
		c := lx.open[n-1]
		if c.dict && (len(lx.stack)-c.at)%2 == 0 {
			lx.drop() // a container as a dictionary key
			return
		}
		if n >= maxNesting {
			lx.departures++
			lx.drop()
			return
		}
	}
	lx.open = append(lx.open, container{at: len(lx.stack), dict: dict})
}

// closeContainer ends the innermost open array (dict false) or
// dictionary. A closing delimiter that closes nothing stands for a null
// operand, as it does in the library; one in a dictionary's key place
// spoils the dictionary.
func (lx *contentLexer) closeContainer(dict bool) {
	n := len(lx.open)
	if n == 0 {
		lx.stack = append(lx.stack, operand{})
		return
	}
	c := lx.open[n-1]
	keyPlace := c.dict && (len(lx.stack)-c.at)%2 == 0
	if c.dict != dict || !keyPlace && c.dict {
		if keyPlace {
			lx.drop()
			return
		}
		lx.stack = append(lx.stack, operand{})
		return
	}
	start := len(lx.elems)
	lx.elems = append(lx.elems, lx.stack[c.at:]...)
	lx.stack = lx.stack[:c.at]
	lx.open = lx.open[:n-1]
	kind := kindArray
	if dict {
		kind = kindDict
	}
	lx.push(operand{kind: kind, elems: lx.elems[start:len(lx.elems):len(lx.elems)]})
}

// regular reads a run of regular characters (a number, keyword or
// operator).
func (lx *contentLexer) regular() []byte {
	d, start := lx.data, lx.pos
	for lx.pos < len(d) && isRegular(d[lx.pos]) {
		lx.pos++
	}
	return d[start:lx.pos]
}

// value reads tok as a value (number, boolean, null); ok is false for an
// operator.
func (lx *contentLexer) value(tok []byte) (operand, bool) {
	switch string(tok) {
	case "true":
		return operand{kind: kindBool, num: 1}, true
	case "false":
		return operand{kind: kindBool}, true
	case "null":
		return operand{}, true
	}
	v, isInt, ok, exact := parseNumber(tok)
	if !ok {
		return operand{}, false
	}
	if !exact {
		lx.departures++
	}
	if isInt {
		return operand{kind: kindInt, num: v}, true
	}
	return operand{kind: kindReal, num: v}, true
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber reads tok as the library does: an integer is an optional
// sign and digits, a real has one '.' besides. The value is the correctly
// rounded one, as strconv gives: where the digits and the power of ten are
// exact in a float64 their quotient is (one IEEE division); otherwise
// strconv does it. exact is false where the library would have failed (an
// integer beyond int64, a real without digits or out of range).
func parseNumber(tok []byte) (v float64, isInt, ok, exact bool) {
	s := tok
	neg := false
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 {
		return 0, false, false, false
	}
	var mant uint64
	dot, frac, digits, big := false, 0, 0, false
	for _, c := range s {
		switch {
		case c == '.':
			if dot {
				return 0, false, false, false
			}
			dot = true
		case c >= '0' && c <= '9':
			digits++
			if dot {
				frac++
			}
			if m := mant*10 + uint64(c-'0'); !big && m < 1<<52 {
				mant = m
			} else {
				big = true
			}
		default:
			return 0, false, false, false
		}
	}
	if !dot {
		if !big {
			if neg {
				return float64(-int64(mant)), true, true, true
			}
			return float64(mant), true, true, true
		}
		_, err := strconv.ParseInt(string(tok), 10, 64)
		f, _ := strconv.ParseFloat(string(tok), 64)
		return finite(f), true, true, err == nil
	}
	if digits == 0 {
		return 0, false, true, false // "." or "-.": the library fails
	}
	if !big && frac < len(pow10) {
		f := float64(mant) / pow10[frac]
		if neg {
			f = -f
		}
		return f, false, true, true
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	return finite(f), false, true, err == nil
}

// finite maps the infinities strconv returns for out-of-range input to 0.
func finite(f float64) float64 {
	if f > 1e308 || f < -1e308 {
		return 0
	}
	return f
}

// literalString reads a (...) string. One without escapes is a slice of
// the stream; one with escapes is decoded into the arena.
func (lx *contentLexer) literalString() []byte {
	d := lx.data
	start := lx.pos + 1
	depth := 1
	for i := start; i < len(d); i++ {
		switch d[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				lx.pos = i + 1
				return d[start:i]
			}
		case '\\':
			return lx.escapedString(start)
		}
	}
	lx.pos = len(d)
	lx.departures++ // unterminated
	return d[start:]
}

func (lx *contentLexer) escapedString(start int) []byte {
	from := len(lx.arena)
	var departures int
	lx.arena, lx.pos, departures = appendLiteral(lx.arena, lx.data, start)
	lx.departures += departures
	return lx.arena[from:len(lx.arena):len(lx.arena)]
}

// appendLiteral decodes the literal string whose body starts at d[start]
// (just after its opening parenthesis) onto dst: nested parentheses,
// the escapes of PDF 32000 7.3.4.2 (\n \r \t \b \f \( \) \\, one to three
// octal digits, a backslash before an end of line continuing the line).
// It returns the position after the closing parenthesis (len(d) when
// there is none) and how many departures from the spec it read past: a
// backslash before another character (dropped, as the spec says), an
// octal value over 255, an unterminated string. The content and CMap
// lexers share it.
func appendLiteral(dst, d []byte, start int) (out []byte, next, departures int) {
	depth := 1
	i := start
	for i < len(d) {
		c := d[i]
		i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return dst, i, departures
			}
		case '\\':
			if i >= len(d) {
				continue
			}
			e := d[i]
			i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '(', ')', '\\':
				c = e
			case '\r':
				if i < len(d) && d[i] == '\n' {
					i++
				}
				continue // a line continuation
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && i < len(d) && d[i] >= '0' && d[i] <= '7'; k++ {
					v = v*8 + int(d[i]-'0')
					i++
				}
				if v > 255 {
					departures++
				}
				c = byte(v)
			default:
				departures++ // the spec drops the backslash
				c = e
			}
		}
		dst = append(dst, c)
	}
	return dst, len(d), departures + 1 // unterminated
}

// hexString reads a <...> string. A character that is neither a hex digit
// nor white space fails the page, as it did in the library.
func (lx *contentLexer) hexString() ([]byte, error) {
	d := lx.data
	from := len(lx.arena)
	var hi byte
	half := false
	i := lx.pos + 1
	for ; i < len(d) && d[i] != '>'; i++ {
		c := d[i]
		if isPDFSpace(c) {
			continue
		}
		v, ok := hexDigit(c)
		if !ok {
			return nil, fmt.Errorf("%w: malformed hex string at byte %d", errContentSyntax, i)
		}
		if half {
			lx.arena = append(lx.arena, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if i >= len(d) {
		lx.departures++ // unterminated: the library reads on forever
	}
	if half {
		lx.departures++
		lx.arena = append(lx.arena, hi<<4)
	}
	lx.pos = min(i+1, len(d))
	return lx.arena[from:len(lx.arena):len(lx.arena)], nil
}

// name reads a /name; one without #xx escapes is a slice of the stream.
func (lx *contentLexer) name() []byte {
	lx.pos++ // '/'
	d, start := lx.data, lx.pos
	escaped := false
	for lx.pos < len(d) && isRegular(d[lx.pos]) {
		escaped = escaped || d[lx.pos] == '#'
		lx.pos++
	}
	raw := d[start:lx.pos]
	if !escaped {
		return raw
	}
	from := len(lx.arena)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '#' && i+2 < len(raw) {
			hi, ok1 := hexDigit(raw[i+1])
			lo, ok2 := hexDigit(raw[i+2])
			if ok1 && ok2 {
				lx.arena = append(lx.arena, hi<<4|lo)
				i += 2
				continue
			}
		}
		if c == '#' {
			lx.departures++ // the library fails here
		}
		lx.arena = append(lx.arena, c)
	}
	return lx.arena[from:len(lx.arena):len(lx.arena)]
}

// imageLength is an inline image dictionary's /L or /Length, -1 if none.
func (lx *contentLexer) imageLength() int {
	for i := 0; i+1 < len(lx.stack); i += 2 {
		k, v := lx.stack[i], lx.stack[i+1]
		if n := string(k.name()); (n == "L" || n == "Length") && v.kind == kindInt && v.num >= 0 {
			return int(min(v.num, float64(len(lx.data))))
		}
	}
	return -1
}

// skipImageData moves past an inline image's data and its EI; the lexer
// stands just after ID.
func (lx *contentLexer) skipImageData(length int) {
	d := lx.data
	idEnd := lx.pos
	p := idEnd
	if p < len(d) && isPDFSpace(d[p]) {
		p++ // ID is followed by one white-space character
	}
	if length >= 0 && p+length <= len(d) {
		q := p + length
		for q < len(d) && isPDFSpace(d[q]) {
			q++
		}
		if endsImage(d, q) {
			lx.pos = q + 2
			return
		}
	}
	for i := p; i < len(d); {
		k := bytes.Index(d[i:], []byte("EI"))
		if k < 0 {
			break
		}
		k += i
		if k-1 >= idEnd && isPDFSpace(d[k-1]) && endsImage(d, k) && !binaryAhead(d[k+2:]) {
			lx.pos = k + 2
			return
		}
		i = k + 1
	}
	lx.departures++ // no EI: the rest is taken as image data
	lx.pos = len(d)
}

// endsImage reports whether d holds "EI" at i followed by white space or
// the end.
func endsImage(d []byte, i int) bool {
	return i+2 <= len(d) && d[i] == 'E' && d[i+1] == 'I' && (i+2 == len(d) || isPDFSpace(d[i+2]))
}

// binaryAhead reports whether the bytes just after a candidate EI look
// like image data rather than content (pdf.js checks the same way).
func binaryAhead(d []byte) bool {
	for _, c := range d[:min(len(d), 10)] {
		if c != '\n' && c != '\r' && (c < 0x20 || c > 0x7e) {
			return true
		}
	}
	return false
}

// charClass classifies bytes for the lexer's inner loops: white space
// and delimiters end a regular token.
var charClass = func() (t [256]uint8) {
	for _, c := range []byte{0, '\t', '\n', '\f', '\r', ' '} {
		t[c] = classSpace
	}
	for _, c := range []byte("<>()[]{}/%") {
		t[c] = classDelim
	}
	return t
}()

const (
	classSpace = 1 << iota
	classDelim
)

func isPDFSpace(c byte) bool { return charClass[c] == classSpace }

// isRegular reports a byte that continues a regular token.
func isRegular(c byte) bool { return charClass[c] == 0 }
