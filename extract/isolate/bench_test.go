package isolate

import (
	"context"
	"os"
	"testing"

	"github.com/sendrecon/sendrecon/extract"
)

// BenchmarkCorpus reads every corpus PDF in process and in a worker, and
// reports pages/s: isolation's cost is the pipe and the gob, the worker
// being reused across documents.
//
//	go test ./extract/isolate -run X -bench Corpus -benchtime 3x
func BenchmarkCorpus(b *testing.B) {
	files := corpusFiles(b, "*.pdf")
	datas := make([][]byte, len(files))
	for i, f := range files {
		var err error
		if datas[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	opts := extract.DefaultOptions()
	ctx := context.Background()
	run := func(b *testing.B, read func(path string, data []byte) (int, error)) {
		pages := 0
		for b.Loop() {
			for i, f := range files {
				n, err := read(f, datas[i])
				if err != nil {
					b.Fatal(err)
				}
				pages += n
			}
		}
		b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	}
	b.Run("none", func(b *testing.B) {
		run(b, func(path string, data []byte) (int, error) {
			d, err := extract.Bytes(ctx, path, data, opts)
			if err != nil {
				return 0, err
			}
			return d.Pages, nil
		})
	})
	b.Run("process", func(b *testing.B) {
		p := New(Options{Workers: 1, MemoryBytes: 512 << 20})
		defer p.Close()
		run(b, func(path string, data []byte) (int, error) {
			d, err := p.Extract(ctx, path, data, opts)
			if err != nil {
				return 0, err
			}
			return d.Pages, nil
		})
	})
}
