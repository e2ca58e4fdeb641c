package normalize

import (
	"regexp"
	"strings"
	"testing"
)

// oneLineByRegexp is what oneLine did before its single scan, kept as the
// reference the scan must agree with.
func oneLineByRegexp(s string) string {
	return regexp.MustCompile(`\s+`).ReplaceAllString(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

func TestOneLine(t *testing.T) {
	for _, s := range []string{
		"", " ", "plain text", "  two\n lines\t\tand\r\ntabs  ", "no\u00a0break\u00a0\u00a0spaces",
		"\u00a0lead and trail\u00a0", "vertical\vtab stays", "a \v b", "ideographic\u3000space",
		"bad \xc2 utf8 \xff\xfe  end", "\xc2\xa0", "line\u2028separator", "x\f\fy",
	} {
		if got, want := oneLine(s), oneLineByRegexp(s); got != want {
			t.Errorf("oneLine(%q) = %q, the regexp gives %q", s, got, want)
		}
	}
}

// FuzzOneLine checks the single scan against the regexp on any input.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"a  b", "\t\n x \u00a0 y\r", "\xc2", "é\u00a0\u00a0ü", "a\u2000 b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLine(s), oneLineByRegexp(s); got != want {
			t.Errorf("oneLine(%q) = %q, the regexp gives %q", s, got, want)
		}
	})
}
