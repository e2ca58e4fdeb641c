package reconcile

import "testing"

// FuzzFold holds fold's ASCII path to the general one.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", " Jane  Smith ", "SENCO\tLead", "a\r\nb", "x\v\fy", "Héloïse Brown", "  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), foldRunes(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
