package pdflayout

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// The library trusts the cross-reference chain: a /Prev that points back
// into the chain makes NewReader loop forever, and a huge /Size or
// subsection start makes it allocate a table of that many entries. These
// checks walk the chain over the raw bytes first, bounded, and refuse such
// files before the library sees them. They only refuse what is certainly
// bad; anything they cannot parse is left to the library's own errors.

var (
	startxrefRE  = regexp.MustCompile(`startxref\s+(\d+)`)
	prevRE       = regexp.MustCompile(`/Prev\s+(\d+)`)
	sizeRE       = regexp.MustCompile(`/Size\s+(\d+)`)
	indexRE      = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	subsectionRE = regexp.MustCompile(`(?m)^\s*(\d+)\s+(\d+)\s*$`)
)

// maxXrefSections bounds the /Prev chain: incremental updates add one
// section each, and no real file has thousands.
const maxXrefSections = 1000

// checkXrefChain follows startxref and each /Prev in data.
func checkXrefChain(data []byte, maxObjects int) error {
	tail := data[max(len(data)-2048, 0):]
	m := startxrefRE.FindAllSubmatch(tail, -1)
	if m == nil {
		return nil
	}
	off, err := strconv.ParseInt(string(m[len(m)-1][1]), 10, 64)
	if err != nil {
		return nil
	}
	seen := map[int64]bool{}
	for range maxXrefSections {
		if off < 0 || off >= int64(len(data)) {
			return nil
		}
		if seen[off] {
			return fmt.Errorf("%w: cross-reference /Prev chain loops at offset %d", ErrNotPDF, off)
		}
		seen[off] = true
		dict, highest := xrefSection(data[off:])
		if dict == nil {
			return nil
		}
		if s := intEntry(sizeRE, dict); s > int64(maxObjects) {
			highest = max(highest, s)
		}
		if highest > int64(maxObjects) {
			return fmt.Errorf("%w: cross-reference table of %d objects (limit %d)", ErrLimit, highest, maxObjects)
		}
		prev := intEntry(prevRE, dict)
		if prev < 0 {
			return nil
		}
		off = prev
	}
	return fmt.Errorf("%w: more than %d cross-reference sections", ErrLimit, maxXrefSections)
}

// xrefSection finds the dictionary of the section at the start of b (a
// trailer after an xref table, or an xref stream's own dictionary) and
// the highest object number the section declares.
func xrefSection(b []byte) (dict []byte, highest int64) {
	const window = 8192
	if bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("xref")) {
		t := bytes.Index(b, []byte("trailer"))
		if t < 0 {
			return nil, 0
		}
		for _, sm := range subsectionRE.FindAllSubmatch(b[:t], -1) {
			start, _ := strconv.ParseInt(string(sm[1]), 10, 64)
			n, _ := strconv.ParseInt(string(sm[2]), 10, 64)
			highest = max(highest, start+n)
		}
		return b[t:min(len(b), t+window)], highest
	}
	head := b[:min(len(b), window)]
	if s := bytes.Index(head, []byte("stream")); s >= 0 {
		head = head[:s]
	}
	if im := indexRE.FindSubmatch(head); im != nil {
		var nums []int64
		for _, f := range bytes.Fields(im[1]) {
			v, _ := strconv.ParseInt(string(f), 10, 64)
			nums = append(nums, v)
		}
		for i := 0; i+1 < len(nums); i += 2 {
			highest = max(highest, nums[i]+nums[i+1])
		}
	}
	return head, highest
}

// intEntry reads an integer entry of a dictionary's text, -1 if absent.
func intEntry(re *regexp.Regexp, dict []byte) int64 {
	m := re.FindSubmatch(dict)
	if m == nil {
		return -1
	}
	v, err := strconv.ParseInt(string(m[1]), 10, 64)
	if err != nil {
		return -1
	}
	return v
}
