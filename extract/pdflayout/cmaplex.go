package pdflayout

import "strconv"

// cmapLexer splits a CMap into the few token kinds its bfchar and bfrange
// sections use. Anything else (names, numbers, dictionaries) is returned as
// an "other" token that the parser ignores.
type cmapLexer struct {
	data []byte
	pos  int
}

type cmapTokenKind int

const (
	cmapOther cmapTokenKind = iota
	cmapString
	cmapKeyword
	cmapArrayStart
	cmapArrayEnd
)

type cmapToken struct {
	kind cmapTokenKind
	text string
}

func (lx *cmapLexer) next() (cmapToken, bool) {
	d := lx.data
	for lx.pos < len(d) {
		c := d[lx.pos]
		switch {
		case c == '%':
			for lx.pos < len(d) && d[lx.pos] != '\n' && d[lx.pos] != '\r' {
				lx.pos++
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0:
			lx.pos++
		case c == '<' && lx.pos+1 < len(d) && d[lx.pos+1] == '<', c == '>':
			lx.pos++
			if lx.pos < len(d) && d[lx.pos] == c {
				lx.pos++
			}
			return cmapToken{kind: cmapOther}, true
		case c == '<':
			return cmapToken{cmapString, lx.hexString()}, true
		case c == '(':
			return cmapToken{cmapString, lx.literalString()}, true
		case c == '[':
			lx.pos++
			return cmapToken{kind: cmapArrayStart, text: "["}, true
		case c == ']':
			lx.pos++
			return cmapToken{kind: cmapArrayEnd, text: "]"}, true
		case c == '/':
			lx.pos++
			lx.word()
			return cmapToken{kind: cmapOther}, true
		default:
			w := lx.word()
			if w == "" {
				lx.pos++ // a stray delimiter
				continue
			}
			if _, err := strconv.ParseFloat(w, 64); err == nil {
				return cmapToken{kind: cmapOther, text: w}, true
			}
			return cmapToken{kind: cmapKeyword, text: w}, true
		}
	}
	return cmapToken{}, false
}

func (lx *cmapLexer) word() string {
	start := lx.pos
	for lx.pos < len(lx.data) {
		switch lx.data[lx.pos] {
		case ' ', '\t', '\r', '\n', '\f', 0, '<', '>', '[', ']', '(', ')', '/', '%', '{', '}':
			return string(lx.data[start:lx.pos])
		}
		lx.pos++
	}
	return string(lx.data[start:lx.pos])
}

func (lx *cmapLexer) hexString() string {
	lx.pos++ // '<'
	var out []byte
	var hi byte
	half := false
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		if c == '>' {
			break
		}
		v, ok := hexDigit(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return string(out)
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// literalString reads a (...) string with nested parentheses and the
// escapes, as a content stream's (appendLiteral).
func (lx *cmapLexer) literalString() string {
	out, next, _ := appendLiteral(nil, lx.data, lx.pos+1)
	lx.pos = next
	return string(out)
}
