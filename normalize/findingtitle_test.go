package normalize_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
)

// TestFindingHeadingTitle: a finding's heading whose title runs to six
// words or more ("...: Communication with children, young people and
// families") is still a title where the inspectors' words follow it (after
// "The inspection letter said:"); a heading with no statement below states
// the finding itself.
func TestFindingHeadingTitle(t *testing.T) {
	statement := "Leaders across the partnership should improve communication with children and young people with SEND and their families."
	stated := "Leaders do not gather, analyse and use information to drive improvement."
	doc := &layout.Document{Blocks: []layout.Block{
		{Kind: layout.KindHeading, Level: 2, Text: "Area for improvement 2 (AFI2): Communication with children, young people and families", Page: 1},
		{Kind: layout.KindParagraph, Text: "The inspection letter said:", Page: 1},
		{Kind: layout.KindParagraph, Text: statement, Page: 1},
		{Kind: layout.KindParagraph, Text: "Executive lead: Director of Inclusion and Skills (HCC)", Page: 1},
		{Kind: layout.KindHeading, Level: 2, Text: "Area for improvement 3: " + stated, Page: 2},
		{Kind: layout.KindParagraph, Text: "We will publish a new dashboard every month from April.", Page: 2},
	}}
	res, err := normalize.Run(doc, normalize.Meta{DocID: "d", SourcePath: "d.pdf"}, config.Default().Normalize)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"AFI2": statement, "AFI3": stated}
	for _, it := range res.Items {
		if w, ok := want[it.Key]; ok {
			if it.Text != w {
				t.Errorf("%s text %q, want %q", it.Key, it.Text, w)
			}
			delete(want, it.Key)
		}
	}
	if len(want) > 0 {
		t.Errorf("findings not read: %v", want)
	}
}

// TestFindingQuoteBrokenIntoParagraphs reads a LibreOffice printing
// that sets each line of the inspectors' quoted words as a paragraph of
// its own (wide line spacing): each finding's statement is the whole
// quotation, not the label's words.
func TestFindingQuoteBrokenIntoParagraphs(t *testing.T) {
	path := "/work/shared/corpus/middlesbrough-send-progress-2020/middlesbrough-send-progress-2020.libreoffice.pdf"
	doc, err := extract.File(context.Background(), path, extract.DefaultOptions())
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	res, err := normalize.Run(doc, normalize.Meta{DocID: "d", SourcePath: path}, config.Default().Normalize)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"AFI1": "Weaknesses in the strategic leadership, governance and implementation of the disability and special educational needs reforms in the local area.",
		"AFI3": "Children, young people and families have too little involvement",
		"AFI4": "Leaders have an inaccurate view of the local area's effectiveness. They do not gather, analyse and use information",
	}
	for _, it := range res.Items {
		if w, ok := want[it.Key]; ok && it.Kind == normalize.KindFinding {
			if !strings.HasPrefix(it.Text, w) || strings.ContainsAny(it.Text, "“”") {
				t.Errorf("%s text %q, want it to begin %q, unquoted", it.Key, it.Text, w)
			}
			delete(want, it.Key)
		}
	}
	if len(want) > 0 {
		t.Errorf("findings not read: %v", want)
	}
}
