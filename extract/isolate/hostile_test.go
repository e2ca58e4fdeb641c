package isolate

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/internal/hostile"
)

// A file that makes the PDF library recurse without end, and one that
// makes it allocate a gigabyte, each kill their worker and fail alone,
// naming the file and the memory ceiling; the pool then reads a good
// document as before.
func TestFatalErrorCostsOneDocument(t *testing.T) {
	if !memoryEnforced {
		t.Skip("no memory ceiling on this OS")
	}
	files := map[string][]byte{}
	for _, f := range hostile.Files(1 << 10) {
		files[f.Name] = f.Data
	}
	p := New(Options{Workers: 1, MemoryBytes: 256 << 20})
	defer p.Close()
	opts := extract.DefaultOptions()
	for _, name := range []string{"xrefstm-huge-w.pdf", "objstm-self.pdf"} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		_, err := p.Extract(ctx, name, files[name], opts)
		cancel()
		if !errors.Is(err, ErrWorker) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "extract.max_memory_mb") {
			t.Errorf("%s: %v, want the worker's death naming the file and extract.max_memory_mb", name, err)
		}
	}
	doc, err := p.Extract(context.Background(), "plan.md", []byte("# Plan\n\n- Do the first thing by March 2025\n"), opts)
	if err != nil || doc.Title != "Plan" {
		t.Fatalf("after two deaths: %v, %+v", err, doc)
	}
}
