package normalize_test

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
)

func TestClassifyStatus(t *testing.T) {
	opts := config.Default().Normalize.Statuses
	brag := normalize.StatusLegend{"blue": "complete", "B": "complete", "A": "at_risk", "purple": "complete"}
	for _, tc := range []struct {
		status string
		legend normalize.StatusLegend
		want   string
	}{
		{"", nil, ""},
		{"Complete", nil, "complete"},
		{"Completed Embedded Sustained", nil, "complete"},
		{"On track", nil, "on_track"},
		// Every signal counts and the gravest wins.
		{"On track some concerns", nil, "at_risk"},
		{"On track no concerns", nil, "on_track"},
		{"Red – off track or not started", nil, "off_track"},
		{"Delayed", nil, "at_risk"},
		{"Amber / A / Delayed", nil, "at_risk"},
		{"Red", nil, "off_track"},
		{"R", nil, "off_track"},
		{"B", nil, "complete"},
		{"G", nil, "on_track"},
		{"Not started", nil, "not_started"},
		{"Not yet due", nil, "not_started"},
		{"Not complete", nil, "on_track"},
		{"A 54% in Q2 2024/25", nil, "at_risk"},
		{"75% complete", nil, "on_track"},
		{"100%", nil, "complete"},
		{"0%", nil, "not_started"},
		// A lower-case "a" is an article, never Amber.
		{"a review is planned", nil, "not_started"},
		// The document's own legend beats the vocabulary.
		{"Purple", brag, "complete"},
		{"Blue", normalize.StatusLegend{"blue": "on_track"}, "on_track"},
		{"Awaiting decision", nil, ""},
	} {
		if got := normalize.ClassifyStatus(tc.status, tc.legend, opts); got != tc.want {
			t.Errorf("ClassifyStatus(%q) = %q, want %q", tc.status, got, tc.want)
		}
	}
}

func TestLegendFromText(t *testing.T) {
	opts := config.Default().Normalize.Statuses
	doc := &layout.Document{Blocks: []layout.Block{
		{Kind: layout.KindParagraph, Text: "Key: Blue = not started; Purple = embedded"},
		{Kind: layout.KindParagraph, Text: "A plan for the year: everything we will do"},
	}}
	got := normalize.Legend(doc, opts)
	want := normalize.StatusLegend{"blue": "not_started", "purple": "complete"}
	if !maps.Equal(got, want) {
		t.Errorf("legend %v, want %v", got, want)
	}
}

// TestLegendFromCorpus reads the RAG key tables of real documents (a key
// table of letters and colours, a table of "Blue / B / Complete" rows) in
// HTML and as printed to PDF.
func TestLegendFromCorpus(t *testing.T) {
	opts := config.Default().Normalize.Statuses
	for _, tc := range []struct {
		path string
		want normalize.StatusLegend
	}{
		{"/work/shared/corpus/middlesbrough-wsoa-2019/source.html", normalize.StatusLegend{
			"B": "complete", "blue": "complete", "G": "on_track", "green": "on_track",
			"A": "at_risk", "amber": "at_risk", "R": "off_track", "red": "off_track"}},
		{"/work/shared/corpus/middlesbrough-wsoa-2019/middlesbrough-wsoa-2019.libreoffice.pdf", normalize.StatusLegend{
			"B": "complete", "blue": "complete", "G": "on_track", "green": "on_track",
			"A": "at_risk", "amber": "at_risk", "R": "off_track", "red": "off_track"}},
	} {
		doc, err := extract.File(context.Background(), tc.path, extract.DefaultOptions())
		if err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		got := normalize.Legend(doc, opts)
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%s: legend[%s] = %q, want %q (legend %v)", tc.path, k, got[k], v, got)
			}
		}
	}
}

// TestEveryCorpusStatusHasACategory runs every corpus HTML document: a
// status the vocabulary does not know is flagged, never silently dropped,
// and none of the corpus's is unknown.
func TestEveryCorpusStatusHasACategory(t *testing.T) {
	cfg := config.Default().Normalize
	paths, _ := filepath.Glob("/work/shared/corpus/*/source.html")
	if len(paths) == 0 {
		t.Skip("no corpus at /work/shared")
	}
	for _, p := range paths {
		doc, err := extract.File(context.Background(), p, extract.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		res, err := normalize.Run(doc, normalize.Meta{DocID: p, SourcePath: p}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			unclassified := slices.Contains(it.Flags, normalize.FlagStatusUnclassified)
			if it.Status != "" && it.StatusCategory == "" {
				t.Errorf("%s %s: status %q has no category (flagged: %v)", p, it.Key, it.Status, unclassified)
			}
			if it.Status == "" && it.StatusCategory != "" {
				t.Errorf("%s %s: no status but category %q", p, it.Key, it.StatusCategory)
			}
		}
	}
}
