package pdflayout

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// The library is stricter than the readers people use (poppler, qpdf,
// Acrobat, pdf.js). It wants a %PDF-1.0 to 1.7 header, %%EOF within the
// last bytes of the file, and a cross-reference table whose offsets are
// right. open gives it bytes it accepts where those readers would:
//
//   - a %PDF-2.0 header is read as 1.7 (the syntax the reader relies on is
//     the same; 2.0 mostly removes features);
//   - anything after the last %%EOF (a mail gateway's signature, padding
//     from a download) is ignored;
//   - a cross-reference table that is missing or points at the wrong bytes
//     is rebuilt by scanning the file for "N G obj", as poppler and qpdf
//     do; the trailer's /Root is kept, or found as the /Type /Catalog.
//
// Each repair keeps every byte offset of the original, so an object's
// place is the same in the repaired bytes.

// open returns the reader of data, repaired where needed, and the bytes it
// reads.
func open(data []byte) (*pdf.Reader, []byte, error) {
	data = repairHeader(data)
	data = cutAfterEOF(data)
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err == nil && readable(rd) {
		return rd, data, nil
	}
	fixed, ok := rebuildXref(data)
	if !ok || encrypted(data) {
		if err == nil {
			return rd, data, nil // let the caller say what is missing
		}
		return nil, data, err
	}
	rd2, err2 := pdf.NewReader(bytes.NewReader(fixed), int64(len(fixed)))
	if err2 != nil || !readable(rd2) {
		if err == nil {
			return rd, data, nil
		}
		return nil, data, err
	}
	return rd2, fixed, nil
}

// readable reports whether the reader finds a catalog with a page tree.
func readable(rd *pdf.Reader) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	root := rd.Trailer().Key("Root")
	return root.Kind() == pdf.Dict && root.Key("Pages").Kind() == pdf.Dict
}

var headerRE = regexp.MustCompile(`^%PDF-(\d)\.(\d)`)

// repairHeader reads a header of a version after 1.7 as 1.7, in place of
// the same number of bytes, and ends the header line where the library
// looks for its end.
func repairHeader(data []byte) []byte {
	m := headerRE.FindSubmatchIndex(data)
	if m == nil {
		return data
	}
	major, minor := data[m[2]], data[m[4]]
	if major == '1' && minor <= '7' && len(data) > 8 && (data[8] == '\n' || data[8] == '\r') {
		return data
	}
	out := bytes.Clone(data)
	if major != '1' || minor > '7' {
		out[m[2]], out[m[4]] = '1', '7'
	}
	if len(out) > 8 && out[8] != '\n' && out[8] != '\r' && (out[8] == ' ' || out[8] == '\t') {
		out[8] = '\n' // "%PDF-1.7 " then a newline: whitespace either way
	}
	return out
}

// cutAfterEOF drops what follows the last %%EOF marker and its line end.
func cutAfterEOF(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		return data
	}
	end := i + len("%%EOF")
	for end < len(data) && (data[end] == '\r' || data[end] == '\n') {
		end++
	}
	return data[:end]
}

var (
	objRE     = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,10})\s+(\d{1,5})\s+obj\b`)
	rootRE    = regexp.MustCompile(`/Root\s+(\d+)\s+(\d+)\s+R`)
	infoRE    = regexp.MustCompile(`/Info\s+(\d+)\s+(\d+)\s+R`)
	catalogRE = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// maxRebuildObjects bounds the table a rebuild writes, like max_objects
// bounds a declared one.
const maxRebuildObjects = 1 << 20

// rebuildXref appends to data a cross-reference table of every "N G obj"
// in the file (the last definition of a number wins, as with incremental
// updates) and a trailer naming the catalog. It fails when no catalog can
// be found. Objects inside object streams are reached through their
// stream, which is itself an "N G obj".
func rebuildXref(data []byte) ([]byte, bool) {
	type entry struct {
		off int
		gen int
	}
	objs := map[int]entry{}
	highest := 0
	var catalog []byte
	for _, m := range objRE.FindAllSubmatchIndex(data, -1) {
		n, err1 := strconv.Atoi(string(data[m[2]:m[3]]))
		g, err2 := strconv.Atoi(string(data[m[4]:m[5]]))
		if err1 != nil || err2 != nil || n <= 0 || n > maxRebuildObjects {
			continue
		}
		objs[n] = entry{off: m[2], gen: g}
		highest = max(highest, n)
		// The catalog is an object whose dictionary says so, before the
		// next object begins.
		body := data[m[1]:min(len(data), m[1]+512)]
		if next := bytes.Index(body, []byte("endobj")); next >= 0 {
			body = body[:next]
		}
		if catalogRE.Match(body) {
			catalog = fmt.Appendf(nil, "%d %d R", n, g)
		}
	}
	if len(objs) == 0 {
		return nil, false
	}
	root := catalog
	if m := lastMatch(rootRE, data); m != nil {
		if n, _ := strconv.Atoi(string(m[1])); objs[n].off > 0 {
			root = fmt.Appendf(nil, "%s %s R", m[1], m[2])
		}
	}
	if root == nil {
		return nil, false
	}
	var b bytes.Buffer
	b.Write(data)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", highest+1)
	for n := 1; n <= highest; n++ {
		if e, ok := objs[n]; ok {
			fmt.Fprintf(&b, "%010d %05d n\r\n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f\r\n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s", highest+1, root)
	if m := lastMatch(infoRE, data); m != nil {
		if n, _ := strconv.Atoi(string(m[1])); objs[n].off > 0 {
			fmt.Fprintf(&b, " /Info %s %s R", m[1], m[2])
		}
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", start)
	return b.Bytes(), true
}

func lastMatch(re *regexp.Regexp, data []byte) [][]byte {
	all := re.FindAllSubmatch(data, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}
