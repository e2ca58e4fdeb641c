package normalize

import "testing"

// FuzzFoldASCII holds fold's ASCII fast path to the general one: the same
// folded text for every ASCII string.
func FuzzFoldASCII(f *testing.F) {
	for _, s := range []string{"", "  Target date1 ", "Lead / Owner", "RAG-status:", "Q3 2024--25", "\t\n!!", "ABC def\x7f", "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		if got, want := foldASCII(s), foldRunes(s); got != want {
			t.Errorf("foldASCII(%q) = %q, foldRunes = %q", s, got, want)
		}
	})
}
