package batch

import (
	"context"

	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/isolate"
	"github.com/sendrecon/sendrecon/extract/layout"
)

// isolate starts the batch's worker pool when extract.isolation is
// "process"; the returned function closes it.
func (b *Batch) isolate() (stop func() error) {
	if b.Config.Extract.Isolation != "process" {
		return func() error { return nil }
	}
	b.pool = isolate.New(isolate.Options{
		Workers:     b.Config.Workers(),
		MemoryBytes: b.Config.Extract.MaxMemoryMB << 20,
		MemoryKey:   "extract.max_memory_mb",
	})
	return b.pool.Close
}

// extract reads one document: in a worker process when the batch isolates,
// so that a document that crashes, hangs or exhausts memory costs only
// itself, else in this process.
func (b *Batch) extract(ctx context.Context, path string, data []byte) (*layout.Document, error) {
	if b.pool == nil {
		return extract.Bytes(ctx, path, data, ExtractOptions(b.Config))
	}
	return b.pool.Extract(ctx, path, data, ExtractOptions(b.Config))
}
