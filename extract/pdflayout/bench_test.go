package pdflayout

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract reads each corpus PDF (testdata's when the shared
// corpus is absent) and reports pages per second.
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "*", "*.pdf"))
	if len(paths) == 0 {
		paths, _ = filepath.Glob("testdata/*.pdf")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			pages := 0
			for b.Loop() {
				doc, err := Extract(context.Background(), p, bytes.NewReader(data), int64(len(data)), Options{})
				if err != nil {
					b.Fatal(err)
				}
				pages += doc.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
