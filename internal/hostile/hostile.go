// Package hostile builds crafted documents that have broken PDF readers
// (object streams containing themselves, huge counts, reference and
// page-tree cycles, decompression bombs, deep nesting, NUL bytes) for the
// tests that check a batch survives them. They are generated here, from
// code, so that no large or binary file is kept in the repository.
package hostile

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
)

// File is one crafted input.
type File struct {
	// Name is a file name with the extension that picks its reader.
	Name string
	// Why says what it attacks.
	Why  string
	Data []byte
}

// Files returns every crafted input. bomb is the decoded size of the
// decompression bomb (the review used 1 GiB).
func Files(bomb int64) []File {
	return []File{
		{"objstm-self.pdf", "an object stream that holds itself", objStmSelf()},
		{"objstm-huge-n.pdf", "an object stream claiming 10^12 objects", objStmHugeN()},
		{"objstm-extends-loop.pdf", "object streams /Extends each other", extendsLoop()},
		{"xref-1e8.pdf", "an xref subsection claiming 10^8 objects", xrefHuge()},
		{"xrefstm-huge-w.pdf", "an xref stream with a huge /W", xrefStmHugeW()},
		{"ref-cycle.pdf", "an object that is a reference to itself", pdf(refCycle())},
		{"pages-cycle.pdf", "a page tree whose kid is its own parent", pdf(pagesCycle())},
		{"deep-array.pdf", "arrays nested 100000 deep", pdf(deepArray(100_000))},
		{"deep-dict.pdf", "dictionaries nested 100000 deep", pdf(deepDict(100_000))},
		{"bomb.pdf", fmt.Sprintf("a content stream inflating to %d bytes", bomb), pdf(bombPage(bomb))},
		{"struct-cycle.pdf", "a structure tree whose element is its own kid", pdf(structCycle())},
		{"nul-title.pdf", "NUL and control bytes in the title and text", pdf(nulText())},
		{"nul.html", "NUL and control bytes in an HTML page", []byte("<html><head><title>Plan\x00\x01 title</title></head><body><h1>Priority\x00 1</h1><p>Text\x07 with\x00 controls.</p></body></html>")},
		{"nul.md", "NUL bytes in markdown", []byte("# Action\x00 plan\n\n- Do the \x00thing\x1b[31m by March 2025\n")},
		{"deep.html", "elements nested 100000 deep", []byte("<html><body>" + strings.Repeat("<div>", 100_000) + "text" + strings.Repeat("</div>", 100_000) + "</body></html>")},
	}
}

// objects is a PDF body: objects[i] is object i+1's text, stream data
// included. trailer holds extra trailer entries.
type objects struct {
	objs    []string
	trailer string
}

// page is a one-page document with the given content, as objects 1-4.
func page(content string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}

const hello = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"

// pdf lays out objects with a classic xref table.
func pdf(o objects) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(o.objs))
	for i, s := range o.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, s)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(o.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(o.objs)+1, o.trailer, xref)
	return b.Bytes()
}

// xrefStream lays out objects with a cross-reference stream, so that
// some may live in object streams: inStream maps an object number to the
// number of the object stream the xref says holds it (such objects are
// not written at top level).
func xrefStream(objs []string, inStream map[int]int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	n := len(objs) + 2 // object 0, objs, the xref stream itself
	offsets := make([]int, n)
	for i, s := range objs {
		if _, ok := inStream[i+1]; ok {
			continue
		}
		offsets[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, s)
	}
	x := b.Len()
	offsets[n-1] = x
	var rows []byte
	for id := range n {
		switch s, ok := inStream[id]; {
		case id == 0:
			rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff)
		case ok:
			rows = append(rows, 2, 0, 0, byte(s>>8), byte(s), 0, 0)
		default:
			o := offsets[id]
			rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
		}
	}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n", n-1,
		stream(fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R", n), string(rows)), x)
	return b.Bytes()
}

// objStmSelf: the xref puts the page's font (object 5) in object stream
// 6, and object stream 6 in itself, so resolving the font resolves the
// stream, which resolves itself (a stack overflow in the library).
func objStmSelf() []byte {
	objs := page(hello)
	objs = append(objs, stream("/Type /ObjStm /N 1 /First 4", "5 0 "+objs[4]))
	return xrefStream(objs, map[int]int{5: 6, 6: 6})
}

// objStmHugeN: the font is in object stream 6, which claims 10^12 objects
// but does not hold it (the library reads on past its end).
func objStmHugeN() []byte {
	objs := page(hello)
	objs = append(objs, stream("/Type /ObjStm /N 1000000000000 /First 4", "9 0 (x)"))
	return xrefStream(objs, map[int]int{5: 6})
}

// extendsLoop: the font is in object stream 6, which does not hold it and
// /Extends stream 7, which /Extends stream 6.
func extendsLoop() []byte {
	objs := page(hello)
	objs = append(objs,
		stream("/Type /ObjStm /N 1 /First 4 /Extends 7 0 R", "9 0 1"),
		stream("/Type /ObjStm /N 1 /First 4 /Extends 6 0 R", "9 0 2"))
	return xrefStream(objs, map[int]int{5: 6})
}

// xrefHuge is a small file whose xref subsection claims 10^8 entries.
func xrefHuge() []byte {
	b := pdf(objects{objs: page(hello)})
	i := bytes.LastIndex(b, []byte("xref\n0 6\n"))
	return append(append(b[:i:i], "xref\n0 100000000\n0000000000 65535 f \n"...),
		fmt.Sprintf("trailer\n<< /Size 100000000 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", i)...)
}

// xrefStmHugeW is a file whose cross-reference is a stream with field
// widths of a gigabyte.
func xrefStmHugeW() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	objs := page(hello)
	for i, s := range objs {
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, s)
	}
	x := b.Len()
	fmt.Fprintf(&b, "6 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n",
		stream("/Type /XRef /Size 7 /W [1 1000000000 1] /Root 1 0 R", "\x01\x00\x00"), x)
	return b.Bytes()
}

func refCycle() objects {
	objs := page(hello)
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>"
	objs = append(objs, "7 0 R", "6 0 R")
	// The page's resources point into the cycle too.
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
	return objects{objs: objs}
}

func pagesCycle() objects {
	objs := page(hello)
	objs[1] = "<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 3 >>"
	objs = append(objs, "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 2 >>")
	return objects{objs: objs}
}

func deepArray(n int) objects {
	objs := page(hello)
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>"
	objs = append(objs, strings.Repeat("[", n)+strings.Repeat("]", n))
	return objects{objs: objs}
}

func deepDict(n int) objects {
	objs := page(hello)
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>"
	objs = append(objs, strings.Repeat("<< /A ", n)+strings.Repeat(">> ", n))
	return objects{objs: objs}
}

// bombPage's content stream is n bytes of spaces, deflated (about a
// thousandth of n).
func bombPage(n int64) objects {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = io.Copy(w, io.LimitReader(spaces{}, n))
	_ = w.Close()
	objs := page(hello)
	objs[3] = stream("/Filter /FlateDecode", z.String())
	return objects{objs: objs}
}

type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func structCycle() objects {
	objs := page("/P << /MCID 0 >> BDC " + hello + " EMC")
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 6 0 R >>"
	objs = append(objs,
		"<< /Type /StructTreeRoot /K 7 0 R >>",
		"<< /Type /StructElem /S /Document /P 6 0 R /K [8 0 R] >>",
		"<< /Type /StructElem /S /P /P 7 0 R /Pg 3 0 R /K [0 7 0 R 8 0 R] >>")
	return objects{objs: objs}
}

func nulText() objects {
	objs := page("BT /F1 12 Tf 72 720 Td (Priority\x00 1: the\x01 local offer) Tj ET")
	objs = append(objs, "<< /Title (Strategy\x00\x07 title) >>")
	return objects{objs: objs, trailer: "/Info 6 0 R"}
}
