package normalize_test

import (
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
)

// TestHeadingLabelQuoteBelow: a finding's label set as a heading, with a
// long title ("Area for improvement 3 (AFI3): Equal access to health
// services across Hertfordshire") and the inspectors' words quoted below
// it, is stated by the quote, as the same label set as a paragraph is; a
// PDF producer that draws the label larger makes it a heading.
func TestHeadingLabelQuoteBelow(t *testing.T) {
	const quote = "Leaders across the partnership should address the variability in access to health services."
	for _, kind := range []layout.Kind{layout.KindHeading, layout.KindParagraph} {
		doc := &layout.Document{Blocks: []layout.Block{
			{Kind: kind, Level: 3, Page: 1, Text: "Area for improvement 3 (AFI3): Equal access to health services across Hertfordshire"},
			{Kind: layout.KindParagraph, Page: 1, Text: "The inspection letter said:"},
			{Kind: layout.KindParagraph, Page: 1, Text: quote},
		}}
		if kind == layout.KindParagraph {
			doc.Blocks[0].Level = 0
		}
		res, err := normalize.Run(doc, normalize.Meta{DocID: "d"}, config.Default().Normalize)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, it := range res.Items {
			if it.Key == "AFI3" {
				got = it.Text
			}
		}
		if got != quote {
			t.Errorf("%s: AFI3 text %q, want the quote", kind, got)
		}
	}
}
