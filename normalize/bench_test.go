package normalize_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
)

// BenchmarkRun normalises the bundled samples' layouts (extraction is not
// timed): the per-document cost a large batch pays once per document.
//
//	go test -bench Run -benchmem -count 6 ./normalize | benchstat -
func BenchmarkRun(b *testing.B) {
	paths, _ := filepath.Glob("../testdata/samples/*")
	var docs []*layout.Document
	for _, p := range paths {
		d, err := extract.File(context.Background(), p, extract.DefaultOptions())
		if err != nil {
			b.Fatalf("extract %s: %v", p, err)
		}
		docs = append(docs, d)
	}
	opts := config.Default().Normalize
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			if _, err := normalize.Run(d, normalize.Meta{DocID: paths[i], SourcePath: paths[i]}, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/doc")
}

// BenchmarkCorpus normalises every document of the shared corpus (HTML and
// the four producers' PDFs; extraction is not timed), where the samples are
// too few to show where normalize spends its time.
//
//	go test -run '^$' -bench Corpus -benchmem -count 6 ./normalize | benchstat -
func BenchmarkCorpus(b *testing.B) {
	paths, _ := filepath.Glob("../../shared/corpus/*/*")
	var docs []*layout.Document
	var docPaths []string
	for _, p := range paths {
		if ext := filepath.Ext(p); ext != ".pdf" && ext != ".html" {
			continue
		}
		d, err := extract.File(context.Background(), p, extract.DefaultOptions())
		if err != nil {
			b.Fatalf("extract %s: %v", p, err)
		}
		docs, docPaths = append(docs, d), append(docPaths, p)
	}
	if len(docs) == 0 {
		b.Skip("no corpus in ../../shared/corpus")
	}
	opts := config.Default().Normalize
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			if _, err := normalize.Run(d, normalize.Meta{DocID: docPaths[i], SourcePath: docPaths[i]}, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/doc")
}
