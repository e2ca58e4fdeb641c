// Package pdflayout reads a PDF into the layout model: text in reading order,
// headings, lists and tables, from the structure tree of a tagged PDF or from
// the page geometry (glyph positions, drawn rules) of an untagged one.
package pdflayout
