package normalize

import (
	"reflect"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func TestAcronyms(t *testing.T) {
	doc := &layout.Document{Blocks: []layout.Block{
		{Kind: layout.KindParagraph, Text: "Nottinghamshire County Council (NCC) and the Clinical Commissioning Groups (CCGs) published an Education, Health and Care Plan (EHCP)."},
		{Kind: layout.KindParagraph, Text: "Preparation for Adulthood (PfA) and the Department for Education (DfE) and the LAP's self-evaluation framework (SEF)."},
		{Kind: layout.KindParagraph, Text: "A later Nottingham Cycling Club (NCC) does not override. Not an acronym (Bob)."},
		{Kind: layout.KindTable, Table: &layout.Table{Rows: 3, Cols: 2, Cells: []layout.Cell{
			{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "SENCO"}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "Special Educational Needs Co-ordinator"},
			{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "LAC"}, {Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "Looked After Children"},
			{Row: 2, Col: 0, RowSpan: 1, ColSpan: 1, Text: "OT"}, {Row: 2, Col: 1, RowSpan: 1, ColSpan: 1, Text: "Occupational Therapy"},
		}}},
	}}
	want := map[string]string{
		"NCC":   "Nottinghamshire County Council",
		"CCGs":  "Clinical Commissioning Groups",
		"EHCP":  "Education, Health and Care Plan",
		"PfA":   "Preparation for Adulthood",
		"DfE":   "Department for Education",
		"SEF":   "self-evaluation framework",
		"SENCO": "Special Educational Needs Co-ordinator",
		"LAC":   "Looked After Children",
		"OT":    "Occupational Therapy",
	}
	if got := Acronyms(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("Acronyms =\n%v\nwant\n%v", got, want)
	}
}
