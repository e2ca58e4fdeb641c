package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// sniffLen is how much of a file sniff looks at: enough to see past a BOM,
// a doctype and a comment or two, small enough to cost nothing.
const sniffLen = 8 << 10

// sniff refuses content that does not fit the format its extension claims,
// so that the error says what the file is instead of what a parser choked on.
func sniff(format layout.Format, data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: zero bytes", ErrEmpty)
	}
	isPDF := pdfHeader(data)
	switch format {
	case layout.FormatPDF:
		if !isPDF {
			if looksBinary(data) {
				return fmt.Errorf("%w: not a PDF (no %%PDF- header)", ErrFormat)
			}
			return fmt.Errorf("%w: not a PDF: starts with text %q", ErrFormat, preview(data))
		}
	default: // HTML and text
		if isPDF {
			return fmt.Errorf("%w: a PDF file, named as %s", ErrFormat, format)
		}
		if looksBinary(data) {
			return fmt.Errorf("%w: binary data, not %s", ErrFormat, format)
		}
	}
	return nil
}

// pdfHeader reports whether data has a PDF header; readers accept junk of up
// to 1024 bytes before it, and so do we.
func pdfHeader(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024+5)], []byte("%PDF-"))
}

// looksBinary reports whether the start of data is not text: a NUL byte, or
// more than one byte in ten a control character or invalid UTF-8. UTF-16
// text, which is full of NULs, is recognised by its byte order mark; legacy
// 8-bit encodings pass because their letters are not control characters.
func looksBinary(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return false
	}
	head := data[:min(len(data), sniffLen)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// Not UTF-8: a byte of a legacy encoding when >= 0xA0, and
			// those spell letters; C1 controls and stray bytes below are
			// suspect.
			if head[i] < 0xA0 && len(head)-i > utf8.UTFMax {
				bad++
			}
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f':
			bad++
		}
		i += size
	}
	return bad*10 > len(head)
}

// preview is the start of data, for an error message.
func preview(data []byte) string {
	p := data[:min(len(data), 40)]
	for !utf8.Valid(p) && len(p) > 0 {
		p = p[:len(p)-1]
	}
	return string(p)
}
