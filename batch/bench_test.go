package batch

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

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
// per CPU, reading documents in this process (isolation=none) and in
// worker processes (isolation=process, the default), and reports pages
// per second. B/op counts only this process's allocations, so compare
// allocations with isolation=none. Compare with benchstat; pages/s beside
// BenchmarkPdftotext's in the same run gives the ratio.
func BenchmarkPipeline(b *testing.B) {
	files := corpusPDFs(b)
	for _, isolation := range []string{"none", "process"} {
		for _, workers := range []int{1, runtime.NumCPU()} {
			b.Run(fmt.Sprintf("isolation=%s/workers=%d", isolation, workers), func(b *testing.B) {
				b.ReportAllocs()
				cfg := config.Default()
				cfg.Extract.Isolation = isolation
				cfg.Run.Workers = workers
				cfg.Run.Progress = "off"
				cfg.Run.ReportMaxDocuments = 0
				inputs := make([]Input, len(files))
				for i, f := range files {
					inputs[i] = Input{Path: f}
				}
				pages := 0
				cpu0 := cpuTime()
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
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(pages), "cpu-ns/page")
			})
		}
	}
}

// BenchmarkPdftotext is the yardstick: poppler's pdftotext -layout over the
// same corpus PDFs, one after another (one worker).
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
	cpu0 := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if err := exec.Command("pdftotext", "-layout", f, "-").Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(pages*b.N), "cpu-ns/page")
}

// BenchmarkBesidePdftotext is the yardstick measured in one run:
// each iteration runs the whole pipeline with one worker over the corpus
// PDFs, then pdftotext -layout over the same files, so both see the same
// machine load. It reports each one's pages/s and the ratio of the
// pipeline's to pdftotext's, by wall clock (x-pdftotext, above 1 is
// faster) and by CPU (cpu-x-pdftotext, worker processes included).
//
//	go test -run '^$' -bench BesidePdftotext -benchtime 5x ./batch
func BenchmarkBesidePdftotext(b *testing.B) {
	files := corpusPDFs(b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	inputs := make([]Input, len(files))
	for i, f := range files {
		inputs[i] = Input{Path: f}
	}
	for _, isolation := range []string{"process", "none"} {
		b.Run("isolation="+isolation, func(b *testing.B) {
			cfg := config.Default()
			cfg.Extract.Isolation = isolation
			cfg.Run.Workers = 1
			cfg.Run.Progress = "off"
			cfg.Run.ReportMaxDocuments = 0
			var pages int
			var ours, theirs time.Duration
			var oursCPU, theirsCPU int64
			for i := 0; b.Loop(); i++ {
				cfg.Run.Out = filepath.Join(b.TempDir(), fmt.Sprint(i))
				t0, c0 := time.Now(), cpuTime()
				sum, err := (&Batch{Config: cfg, Force: true}).Run(context.Background(), inputs, nil)
				if err != nil || sum.Failed > 0 {
					b.Fatalf("run: %v (%d failed)", err, sum.Failed)
				}
				t1, c1 := time.Now(), cpuTime()
				for _, f := range files {
					if err := exec.Command("pdftotext", "-layout", f, "-").Run(); err != nil {
						b.Fatal(err)
					}
				}
				ours, oursCPU = ours+t1.Sub(t0), oursCPU+c1-c0
				theirs, theirsCPU = theirs+time.Since(t1), theirsCPU+cpuTime()-c1
				pages += sum.Pages
			}
			b.ReportMetric(float64(pages)/ours.Seconds(), "pages/s")
			b.ReportMetric(float64(pages)/theirs.Seconds(), "pdftotext-pages/s")
			b.ReportMetric(theirs.Seconds()/ours.Seconds(), "x-pdftotext")
			if oursCPU > 0 {
				b.ReportMetric(float64(theirsCPU)/float64(oursCPU), "cpu-x-pdftotext")
			}
		})
	}
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
