package isolate

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/extract"
)

func TestMain(m *testing.M) {
	Main() // a worker started by a test's Pool stops here
	os.Exit(m.Run())
}

// corpusFiles are the shared corpus's documents; tests skip without them.
func corpusFiles(tb testing.TB, pattern string) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "*", pattern))
	if len(files) == 0 {
		tb.Skip("shared corpus not available")
	}
	sort.Strings(files)
	return files
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A document read in a worker is the document read in process, byte for
// byte once encoded, and so is its error.
func TestSameAsInProcess(t *testing.T) {
	p := New(Options{Workers: 2, MemoryBytes: 1 << 30})
	defer p.Close()
	files := append(corpusFiles(t, "*.chromium.pdf")[:2], corpusFiles(t, "source.html")[0])
	ctx := context.Background()
	opts := extract.DefaultOptions()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := extract.Bytes(ctx, f, data, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Extract(ctx, f, data, opts)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if asJSON(t, got) != asJSON(t, want) {
			t.Errorf("%s: isolated layout differs from in-process", f)
		}
	}
	for _, bad := range []struct {
		name string
		data string
		is   error
	}{
		{"empty.pdf", "", extract.ErrEmpty},
		{"text.pdf", "just some words, not a PDF at all", extract.ErrFormat},
		{"trunc.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", extract.ErrFormat},
	} {
		_, wantErr := extract.Bytes(ctx, bad.name, []byte(bad.data), opts)
		_, gotErr := p.Extract(ctx, bad.name, []byte(bad.data), opts)
		if wantErr == nil || gotErr == nil || gotErr.Error() != wantErr.Error() {
			t.Errorf("%s: isolated error %v, in-process %v", bad.name, gotErr, wantErr)
		}
		if !errors.Is(gotErr, bad.is) {
			t.Errorf("%s: isolated error %v does not match %v", bad.name, gotErr, bad.is)
		}
	}
}

// A deadline kills the worker; the error names the file and is the
// context's, and the pool goes on with a fresh worker.
func TestDeadlineKillsWorker(t *testing.T) {
	p := New(Options{Workers: 1})
	defer p.Close()
	f := corpusFiles(t, "*.libreoffice.pdf")[0]
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	_, err = p.Extract(ctx, f, data, extract.DefaultOptions())
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), f) {
		t.Fatalf("error %v, want the deadline, naming %s", err, f)
	}
	if _, err := p.Extract(context.Background(), f, data, extract.DefaultOptions()); err != nil {
		t.Fatalf("after a kill: %v", err)
	}
}

// A worker that dies costs its document alone, with an error naming the
// file and why.
func TestWorkerDeath(t *testing.T) {
	if !memoryEnforced {
		t.Skip("no memory ceiling on this OS")
	}
	// A ceiling of one byte above what the runtime holds at start.
	p := New(Options{Workers: 1, MemoryBytes: 1})
	defer p.Close()
	_, err := p.Extract(context.Background(), "x.md", []byte("# Title\n\nSome text.\n"), extract.DefaultOptions())
	if !errors.Is(err, ErrWorker) || !strings.Contains(err.Error(), "x.md") {
		t.Fatalf("error %v, want ErrWorker naming x.md", err)
	}
	t.Log(err)
}
