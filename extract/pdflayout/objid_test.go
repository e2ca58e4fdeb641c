package pdflayout

import (
	"bytes"
	"testing"

	"github.com/ledongthuc/pdf"
)

func TestReferenceOf(t *testing.T) {
	data := testPDF{pages: []string{textAt(50, 700, 12, "x")}}.bytes()
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	refs, _, _ := collectPages(rd.Trailer().Key("Root").Key("Pages"), 10)
	page := refs[0].v
	if got, want := referenceOf(page, "Contents"), objectNumber(page.Key("Contents")); got != want || got == 0 {
		t.Errorf("Contents refers to object %d, want %d", got, want)
	}
	if got, want := referenceOf(page, "Parent"), objectNumber(page.Key("Parent")); got != want || got == 0 {
		t.Errorf("Parent refers to object %d, want %d", got, want)
	}
	for _, key := range []string{"MediaBox", "Resources", "Missing"} {
		if got := referenceOf(page, key); got != 0 {
			t.Errorf("%s (direct or absent) refers to object %d", key, got)
		}
	}
	if got := referenceOf(pdf.Value{}, "Pg"); got != 0 {
		t.Errorf("null value refers to object %d", got)
	}
	if got := referenceOf(page.Key("Contents"), "Length"); got != 0 {
		t.Errorf("a stream's direct /Length refers to object %d", got)
	}
}
