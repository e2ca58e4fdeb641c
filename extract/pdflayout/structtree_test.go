package pdflayout

import (
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestRawRefReadsPg: the structure reader resolves each /Pg reference
// once only if it can read the reference unresolved; a library change that
// hides it would silently bring back the cost.
func TestRawRefReadsPg(t *testing.T) {
	f, rd, err := pdf.Open("testdata/notts-inspection-progress-2023.chromium.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tree := rd.Trailer().Key("Root").Key("StructTreeRoot")
	if tree.Kind() != pdf.Dict {
		t.Skip("not tagged")
	}
	found := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if depth > 6 || found > 0 {
			return
		}
		if v.Kind() == pdf.Dict {
			if ref, ok := rawRef(v, "Pg"); ok {
				found++
				if ref.id == 0 {
					t.Errorf("reference without an object number: %+v", ref)
				}
			}
			v = v.Key("K")
		}
		if v.Kind() == pdf.Array {
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), depth+1)
			}
		} else if v.Kind() == pdf.Dict {
			walk(v, depth+1)
		}
	}
	walk(tree.Key("K"), 0)
	if found == 0 {
		t.Error("no /Pg reference read unresolved in a tagged chromium PDF")
	}
	if _, ok := rawRef(tree, "NoSuchKey"); ok {
		t.Error("a missing key read as a reference")
	}
}
