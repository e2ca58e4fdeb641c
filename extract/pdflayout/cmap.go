package pdflayout

import (
	"io"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a parsed ToUnicode CMap: character codes (of one to four
// bytes) to text. The library has its own, but it decodes whole strings
// with a linear scan per code and cannot tell us where one code ends, which
// we need to advance by each glyph's width.
type toUnicode struct {
	// codeLen[n-1] lists the codespace ranges of n-byte codes.
	spaces []codespace
	chars  map[uint32]string
	ranges []cmapRange
}

type codespace struct {
	n      int
	lo, hi uint32
}

type cmapRange struct {
	n      int
	lo, hi uint32
	// dst is the text of lo; codes after lo increment its last UTF-16 unit.
	dst string
	// dsts, when set, lists the text of each code from lo.
	dsts []string
}

// maxCMapRange bounds how many codes one bfrange array may list.
const maxCMapRange = 1 << 16

// maxCMapBytes bounds the ToUnicode stream read.
const maxCMapBytes = 4 << 20

// parseToUnicode reads a ToUnicode stream. A damaged CMap yields what was
// read before the damage. It tokenises the CMap itself: the library's
// Interpret cannot run a CMap's "/CIDInit /ProcSet findresource begin"
// preamble from outside the package (it needs a dictionary value that only
// the package can make).
func parseToUnicode(strm pdf.Value) (m *toUnicode) {
	var data []byte
	func() {
		defer func() { _ = recover() }() // an undecodable stream maps nothing
		rd := strm.Reader()
		defer rd.Close()
		data, _ = io.ReadAll(io.LimitReader(rd, maxCMapBytes))
	}()
	return parseCMap(data)
}

// parseCMap reads the bfchar and bfrange sections of a CMap.
func parseCMap(data []byte) *toUnicode {
	m := &toUnicode{chars: map[uint32]string{}}
	var operands []cmapToken
	for lx := (cmapLexer{data: data}); ; {
		tok, ok := lx.next()
		if !ok {
			break
		}
		if tok.kind != cmapKeyword {
			operands = append(operands, tok)
			continue
		}
		switch tok.text {
		case "endcodespacerange":
			for i := 0; i+1 < len(operands); i += 2 {
				lo, hi := operands[i].text, operands[i+1].text
				if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				m.spaces = append(m.spaces, codespace{len(lo), codeValue(lo), codeValue(hi)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(operands); i += 2 {
				src := operands[i].text
				if len(src) == 0 || len(src) > 4 || operands[i+1].kind != cmapString {
					continue
				}
				m.chars[codeValue(src)] = utf16BE(operands[i+1].text)
			}
		case "endbfrange":
			m.addRanges(operands)
		}
		if tok.text != "[" {
			operands = operands[:0]
		}
	}
	return m
}

// addRanges reads bfrange operands: lo hi dst, where dst is a string or an
// array of strings (flattened by the lexer between "[" and "]" markers).
func (m *toUnicode) addRanges(ops []cmapToken) {
	for i := 0; i+2 < len(ops); {
		lo, hi := ops[i].text, ops[i+1].text
		r := cmapRange{n: len(lo), lo: codeValue(lo), hi: codeValue(hi)}
		valid := len(lo) > 0 && len(lo) <= 4 && len(hi) == len(lo) && r.hi >= r.lo
		if ops[i+2].kind == cmapArrayStart {
			j := i + 3
			for ; j < len(ops) && ops[j].kind != cmapArrayEnd; j++ {
				if len(r.dsts) < maxCMapRange {
					r.dsts = append(r.dsts, utf16BE(ops[j].text))
				}
			}
			i = j + 1
		} else {
			r.dst = ops[i+2].text
			i += 3
		}
		if valid {
			m.ranges = append(m.ranges, r)
		}
	}
}

func codeValue[S ~string | ~[]byte](s S) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// utf16BE decodes big-endian UTF-16 as CMaps write their destinations.
func utf16BE(s string) string {
	if len(s) == 1 {
		return s
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// codeLength says how many bytes the code starting raw takes, from the
// codespace ranges; def when the CMap declares none.
func (m *toUnicode) codeLength(raw string, def int) int {
	return codeLength(m, raw, def)
}

// codeLength is toUnicode.codeLength for shown strings as bytes too.
func codeLength[S ~string | ~[]byte](m *toUnicode, raw S, def int) int {
	if m == nil || len(m.spaces) == 0 {
		return def
	}
	for n := 1; n <= 4 && n <= len(raw); n++ {
		v := codeValue(raw[:n])
		for _, s := range m.spaces {
			if s.n == n && v >= s.lo && v <= s.hi {
				return n
			}
		}
	}
	return def
}

// lookup returns the text of code, and whether the CMap knows it.
func (m *toUnicode) lookup(code uint32) (string, bool) {
	if m == nil {
		return "", false
	}
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.dsts != nil {
			if int(off) < len(r.dsts) {
				return r.dsts[off], true
			}
			return "", false
		}
		if r.dst == "" {
			return "", false
		}
		b := []byte(r.dst)
		last := len(b) - 1
		if last >= 1 {
			v := uint32(b[last-1])<<8 | uint32(b[last])
			v += off
			b[last-1], b[last] = byte(v>>8), byte(v)
		} else {
			b[last] += byte(off)
		}
		s := utf16BE(string(b))
		m.chars[code] = s
		return s, true
	}
	return "", false
}
