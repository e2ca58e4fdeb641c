package extract

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeHTML returns an HTML file as UTF-8, honouring a byte order mark or a
// <meta charset>; council pages saved from Word are often windows-1252.
func decodeHTML(data []byte) string {
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	return decodeWith(enc, data)
}

// decodeText returns a text file as UTF-8: a BOM decides; otherwise UTF-8
// if it is valid, else windows-1252, the usual encoding of a text file that
// is not UTF-8 in an English council.
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
	}
	if utf8.Valid(data) {
		return string(data)
	}
	return decodeWith(charmap.Windows1252, data)
}

func decodeWith(enc encoding.Encoding, data []byte) string {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// The decoders replace bad bytes rather than fail; should one fail,
		// Go's own handling (U+FFFD per bad byte) is the fallback.
		return string(data)
	}
	return string(bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF}))
}
