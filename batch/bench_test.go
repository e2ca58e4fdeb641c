package batch

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/sendrecon/sendrecon/config"
)

// corpusPDFs are the shared corpus's PDFs, or nil when it is not there.
func corpusPDFs(b *testing.B) []string {
	files, _ := filepath.Glob("../../shared/corpus/*/*.pdf")
	if len(files) == 0 {
		b.Skip("no corpus PDFs in ../../shared/corpus")
	}
	return files
}

// BenchmarkPipeline runs the whole pipeline (extract, normalize, people,
// reconcile, Parquet) over the corpus PDFs with one worker and with one
// per CPU, and reports pages per second. Compare with benchstat.
func BenchmarkPipeline(b *testing.B) {
	files := corpusPDFs(b)
	for _, workers := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			cfg := config.Default()
			cfg.Run.Workers = workers
			cfg.Run.Progress = "off"
			cfg.Run.ReportMaxDocuments = 0
			inputs := make([]Input, len(files))
			for i, f := range files {
				inputs[i] = Input{Path: f}
			}
			pages := 0
			for i := 0; b.Loop(); i++ {
				cfg.Run.Out = filepath.Join(b.TempDir(), fmt.Sprint(i))
				bt := &Batch{Config: cfg, Force: true}
				sum, err := bt.Run(context.Background(), inputs, nil)
				if err != nil || sum.Failed > 0 {
					b.Fatalf("run: %v (%d failed)", err, sum.Failed)
				}
				pages += sum.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkPdftotext is the yardstick: poppler's pdftotext -layout over the
func BenchmarkPdftotext(b *testing.B) {
	files := corpusPDFs(b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	pages := 0
	for _, f := range files {
		out, err := exec.Command("pdfinfo", f).Output()
		if err != nil {
			b.Skip("pdfinfo: ", err)
		}
		var n int
		for _, line := range splitLines(string(out)) {
			if _, err := fmt.Sscanf(line, "Pages: %d", &n); err == nil {
				pages += n
			}
		}
	}
	for b.Loop() {
		for _, f := range files {
			if err := exec.Command("pdftotext", "-layout", f, "-").Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
