package emit

import (
	"fmt"
	"testing"

	"github.com/sendrecon/sendrecon/normalize"
)

// BenchmarkWriteItems writes 100,000 items, 100 per document as the
// pipeline delivers them, and closes the run.
func BenchmarkWriteItems(b *testing.B) {
	const docs, perDoc = 1000, 100
	template := sampleBatch().results[0].Items[1]
	batches := make([][]normalize.Item, docs)
	for d := range batches {
		batches[d] = make([]normalize.Item, perDoc)
		for i := range batches[d] {
			it := template
			it.ID, it.DocID, it.Key = fmt.Sprintf("d%d:%d", d, i), fmt.Sprintf("d%d", d), fmt.Sprint(i)
			batches[d][i] = it
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		w, err := Create(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, items := range batches {
			if err := w.AddItems(items); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(docs*perDoc), "items/op")
}
