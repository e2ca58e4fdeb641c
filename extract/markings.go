package extract

import (
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// protectiveMarkings are the Government Security Classification labels
// councils stamp on every page ("OFFICIAL"). A paragraph that is only one
// of them is furniture, as a PDF's running header would be.
var protectiveMarkings = map[string]bool{
	"OFFICIAL":                true,
	"OFFICIAL-SENSITIVE":      true,
	"OFFICIAL SENSITIVE":      true,
	"OFFICIAL – SENSITIVE":    true,
	"OFFICIAL - SENSITIVE":    true,
	"NOT PROTECTIVELY MARKED": true,
}

// moveMarkings moves paragraphs that are only a protective marking from the
// document's blocks to its furniture.
func moveMarkings(d *layout.Document) {
	kept := d.Blocks[:0]
	for _, b := range d.Blocks {
		if b.Kind == layout.KindParagraph && protectiveMarkings[strings.ToUpper(b.Text)] {
			d.Furniture = append(d.Furniture, layout.Line{Text: b.Text, Page: b.Page})
			continue
		}
		kept = append(kept, b)
	}
	d.Blocks = kept
}
