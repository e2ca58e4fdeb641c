package normalize

import (
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// dateSearchBlocks is how far into a document its own date is looked for:
// a cover table or the opening lines state it, not the body.
const dateSearchBlocks = 12

// documentDate is the day a document says it was written or presented:
// the value beside one of labels (a label cell and the cell after it, or
// "Label: date" in an opening line), else a month or day named in the
// title ("Written Statement of Action (v22) April 2019"). A month or year
// stands for its first day, the earliest the document can have been
// written, so nothing due later is judged overdue by it.
func documentDate(doc *layout.Document, title string, labels []string) Date {
	isLabel := func(s string) bool { return slices.Contains(labels, fold(s)) }
	n := min(len(doc.Blocks), dateSearchBlocks)
	for _, b := range doc.Blocks[:n] {
		if t := b.Table; t != nil {
			for r := 0; r < t.Rows; r++ {
				row := t.Row(r)
				for i := 0; i+1 < len(row); i++ {
					if isLabel(row[i].Text) {
						if d, ok := statedDate(row[i+1].Text); ok {
							return d
						}
					}
				}
			}
			continue
		}
		for _, line := range strings.Split(b.Text, "\n") {
			if label, value, ok := strings.Cut(line, ":"); ok && isLabel(label) {
				if d, ok := statedDate(value); ok {
					return d
				}
			}
		}
	}
	if d, ok := statedDate(title); ok && d.Precision != PrecisionYear {
		return d
	}
	return Date{}
}

// statedDate reads the one date a short text names; a range or a text
// naming none gives nothing.
func statedDate(s string) (Date, bool) {
	s = oneLine(s)
	for _, w := range strings.Fields(s) {
		if d, ok := ParseDate(w, false); ok && d.Precision == PrecisionDay {
			return d, true
		}
	}
	// A month and year ("April 2019", "5 March 2020") anywhere in the text.
	words := strings.Fields(s)
	for i := 0; i+1 < len(words); i++ {
		for _, span := range []int{3, 2} {
			if i+span > len(words) {
				continue
			}
			if d, ok := ParseDate(strings.Trim(strings.Join(words[i:i+span], " "), "(),.;"), false); ok && d.Precision != PrecisionYear && d.Precision != PrecisionQuarter {
				return d, true
			}
		}
	}
	return Date{}, false
}
