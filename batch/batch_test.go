package batch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/internal/sample"
	"github.com/sendrecon/sendrecon/normalize"
)

// Every table a full run writes.
var allTables = []string{"documents", "items", "people", "links", "cells", "coverage", "conflicts", "changes"}

var (
	genAreas   = areaNames()
	genLeads   = []string{"Sam Patel", "Jo Green", "Ann Lee", "Priya Shah", "Tom Reid", "Mary Jones", "Ali Khan", "Beth Ward"}
	genTopics  = []string{"quality assurance of EHC plans", "waiting times for speech and language therapy", "the local offer in community languages", "preparation for adulthood", "co-production with parent carers", "joint commissioning of therapies", "emotional wellbeing and mental health support", "timeliness of EHC needs assessments", "training for school SENCOs", "the performance data dashboard"}
	genMonths  = []string{"March 2025", "September 2024", "December 2024", "June 2026", "TBC", "April 2025"}
	genStatus  = []string{"Green", "Amber", "Red", "Complete", ""}
	genFormats = []string{"md", "html", "txt"}
)

// areaNames are the configured local areas a plain name finds.
func areaNames() []string {
	var out []string
	for _, a := range config.Default().Normalize.LocalAreas {
		if !a.Strict {
			out = append(out, a.Name)
		}
	}
	return out
}

// genBatch writes n small but varied documents into dir, eight at a time
// for one local area (as a real batch spreads over the country's areas): an
// inspection report listing areas for improvement, then action plans whose
// actions cite them, in markdown, HTML and plain text. Document i is the
// same for every n, so a batch of 2n holds the batch of n.
func genBatch(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	var paths []string
	for i := range n {
		area := genAreas[(i/8)%len(genAreas)]
		var body string
		ext := genFormats[i%len(genFormats)]
		if i%8 == 0 {
			body = genInspection(area, i)
			ext = "md"
		} else {
			body = genPlan(area, i, ext)
		}
		p := filepath.Join(dir, fmt.Sprintf("doc-%05d-%s.%s", i, strings.ToLower(area), ext))
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func genInspection(area string, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s Local Area SEND Inspection: Progress Report %d\n\n## Areas for improvement\n\n", area, 2020+i%6)
	for k := range 3 {
		fmt.Fprintf(&b, "%d. Leaders should improve %s (visit %d).\n", k+1, genTopics[(i+k)%len(genTopics)], i)
	}
	return b.String()
}

func genPlan(area string, i int, ext string) string {
	rows := 3 + i%6
	title := fmt.Sprintf("%s SEND Improvement Action Plan %d (version %d)", area, 2021+i%5, i)
	cells := make([][]string, rows)
	for r := range rows {
		cells[r] = []string{
			fmt.Sprintf("%d.%d", 1+r/3, 1+r%3),
			fmt.Sprintf("Work with partners to improve %s in %s, stage %d.", genTopics[(i*7+r)%len(genTopics)], area, r+i),
			genLeads[(i+r)%len(genLeads)],
			genMonths[(i+r)%len(genMonths)],
			genStatus[(i+r)%len(genStatus)],
			fmt.Sprintf("AFI%d", 1+(i+r)%3),
		}
	}
	head := []string{"Ref", "Action", "Lead", "Timescale", "Status", "Inspection finding"}
	var b strings.Builder
	switch ext {
	case "html":
		fmt.Fprintf(&b, "<html><head><title>%s</title></head><body><h1>%s</h1><h2>Priority 1: Key actions</h2><table><tr>", title, title)
		for _, h := range head {
			fmt.Fprintf(&b, "<th>%s</th>", h)
		}
		b.WriteString("</tr>")
		for _, row := range cells {
			b.WriteString("<tr>")
			for _, c := range row {
				fmt.Fprintf(&b, "<td>%s</td>", c)
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</table></body></html>\n")
	case "txt":
		// A heading line, then the actions as a bulleted list carrying their
		// codes, as a plan saved as plain text reads.
		fmt.Fprintf(&b, "%s\n\nKey actions\n\n", title)
		for _, row := range cells {
			fmt.Fprintf(&b, "- %s %s Lead: %s. By %s.\n", row[0], row[1], row[2], row[3])
		}
	default:
		fmt.Fprintf(&b, "# %s\n\n## Priority 1: Key actions\n\n| %s |\n|%s\n", title, strings.Join(head, " | "), strings.Repeat(" --- |", len(head)))
		for _, row := range cells {
			fmt.Fprintf(&b, "| %s |\n", strings.Join(row, " | "))
		}
	}
	return b.String()
}

// runBatch runs a batch of paths (files and folders) into out, with the
// configuration of the environment changed by opts, and returns its summary.
func runBatch(tb testing.TB, out string, paths []string, opts ...func(*Batch)) Summary {
	tb.Helper()
	cfg, err := config.Load("")
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Run.Out = out
	cfg.Run.Progress = "off"
	b := &Batch{Config: cfg}
	for _, o := range opts {
		o(b)
	}
	sum, err := b.Run(context.Background(), expand(tb, paths), nil)
	if err != nil {
		tb.Fatalf("run: %v", err)
	}
	return sum
}

func workers(n int) func(*Batch) { return func(b *Batch) { b.Config.Run.Workers = n } }

func force(b *Batch) { b.Force = true }

func shard(i, n int) func(*Batch) { return func(b *Batch) { b.Shard = Shard{i: i, n: n} } }

func readTables(t *testing.T, out string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, name := range allTables {
		b, err := os.ReadFile(filepath.Join(out, name+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		m[name] = b
	}
	return m
}

func sameTables(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	for _, name := range allTables {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s: %s.parquet differs", what, name)
		}
	}
}

// TestSameBytesWhateverTheWorkers: the tables of a batch are the same, byte
// for byte, with one worker and with four.
func TestSameBytesWhateverTheWorkers(t *testing.T) {
	dir := t.TempDir()
	paths := append(genBatch(t, dir, 80), samples)
	one, four := filepath.Join(dir, "one"), filepath.Join(dir, "four")
	runBatch(t, one, paths, workers(1))
	runBatch(t, four, paths, workers(4))
	a, b := readTables(t, one), readTables(t, four)
	sameTables(t, "workers 1 vs 4", a, b)
	if len(a["links"]) < 1000 {
		t.Errorf("links.parquet is only %d bytes: the generated batch links nothing", len(a["links"]))
	}
}

// TestIncrementalRun: a second run into the same folder carries every
// unchanged document over and writes the same tables; a changed document is
// processed again; --force processes everything.
func TestIncrementalRun(t *testing.T) {
	dir := t.TempDir()
	paths := append(genBatch(t, dir, 40), samples)
	out := filepath.Join(dir, "out")
	runBatch(t, out, paths)
	first := readTables(t, out)

	if sum := runBatch(t, out, paths); sum.Carried != 44 {
		t.Errorf("second run carried %d of 44 documents over", sum.Carried)
	}
	sameTables(t, "carried over", first, readTables(t, out))

	if err := os.WriteFile(paths[5], []byte(genPlan("Kent", 999, "md")), 0o644); err != nil {
		t.Fatal(err)
	}
	if sum := runBatch(t, out, paths); sum.Carried != 43 {
		t.Errorf("after changing one document, %d carried over, want 43", sum.Carried)
	}
	if sum := runBatch(t, out, paths, force); sum.Carried != 0 {
		t.Errorf("Force carried %d documents over", sum.Carried)
	}
}

// TestShardsThenMerge: three shards and a merge give the rows one run
// gives, as folders of parts.
func TestShardsThenMerge(t *testing.T) {
	dir := t.TempDir()
	paths := append(genBatch(t, dir, 48), samples)
	whole, sharded := filepath.Join(dir, "whole"), filepath.Join(dir, "sharded")
	runBatch(t, whole, paths)
	for i := range 3 {
		runBatch(t, sharded, paths, shard(i, 3))
	}
	cfg := config.Default()
	cfg.Run.Out = sharded
	if _, err := (&Batch{Config: cfg}).Merge(context.Background(), nil); err != nil {
		t.Fatalf("merge: %v", err)
	}
	db := duck(t)
	for _, name := range allTables {
		parts, _ := filepath.Glob(filepath.Join(sharded, name, "*.parquet"))
		if len(parts) == 0 {
			t.Errorf("%s: no parts", name)
			continue
		}
		if _, err := os.Stat(filepath.Join(sharded, name+".parquet")); err == nil {
			t.Errorf("%s: both a file and parts", name)
		}
		// Row sets compared whole: EXCEPT ALL both ways is empty. A
		// shard cannot know a document's edition (the whole local area
		// decides it) and a merge does not rewrite the shards' documents,
		// so edition_id is left out.
		cols := "*"
		if name == "documents" {
			cols = "* EXCLUDE (edition_id)"
		}
		q := fmt.Sprintf(`SELECT count(*) FROM (
			(SELECT %[3]s FROM read_parquet('%[1]s') EXCEPT ALL SELECT %[3]s FROM read_parquet('%[2]s/*.parquet'))
			UNION ALL
			(SELECT %[3]s FROM read_parquet('%[2]s/*.parquet') EXCEPT ALL SELECT %[3]s FROM read_parquet('%[1]s')))`,
			filepath.Join(whole, name+".parquet"), filepath.Join(sharded, name), cols)
		var diff int
		if err := db.QueryRow(q).Scan(&diff); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff != 0 {
			t.Errorf("%s: %d rows differ between one run and three shards", name, diff)
		}
	}
}

// heapSampler records the peak of live heap (runtime/metrics
// /memory/classes/heap/objects:bytes, which is HeapInuse less free space in
// spans) every few milliseconds.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

func sampleHeap() *heapSampler {
	runtime.GC()
	s := &heapSampler{stop: make(chan struct{})}
	heap := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(heap)
			s.peak = max(s.peak, heap[0].Value.Uint64())
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *heapSampler) done() uint64 {
	close(s.stop)
	s.wg.Wait()
	return s.peak
}

// peakHeap runs a generated batch of n documents and returns the peak live
// heap during the run.
func peakHeap(tb testing.TB, size, n int) uint64 {
	dir := tb.TempDir()
	paths := genBatch(tb, dir, size)
	out := filepath.Join(dir, "out")
	s := sampleHeap()
	runBatch(tb, out, []string{dir}, workers(n))
	peak := s.done()
	_ = paths
	return peak
}

// TestMemoryFlat: the peak heap of a batch does not grow with the batch.
// The fast version compares 250 and 500 documents; SR_MEMTEST=1
// runs 1000, 2000 and 4000 (and prints the figures; SR_ROW_GROUP_ROWS sets
// run.row_group_rows, 2000 unless given).
func TestMemoryFlat(t *testing.T) {
	sizes := []int{250, 500}
	if os.Getenv("SR_MEMTEST") != "" {
		sizes = []int{1000, 2000, 4000}
	} else if testing.Short() {
		t.Skip("short")
	}
	t.Setenv("SENDRECON_RUN_REPORT_MAX_DOCUMENTS", "0")
	// A table holds one row group in memory: the ceiling is reached once
	// every table has written one, so keep them below the smaller batch's
	// rows (the default 10,000 is reached by batches of about 2,000).
	rowGroups := "500"
	if os.Getenv("SR_ROW_GROUP_ROWS") != "" {
		rowGroups = os.Getenv("SR_ROW_GROUP_ROWS")
	} else if sizes[0] >= 1000 {
		rowGroups = "2000"
	}
	t.Setenv("SENDRECON_RUN_ROW_GROUP_ROWS", rowGroups)
	var peaks []uint64
	for _, n := range sizes {
		p := peakHeap(t, n, 2)
		t.Logf("%5d documents: peak live heap %.1f MiB", n, float64(p)/(1<<20))
		peaks = append(peaks, p)
	}
	// Doubling the batch may cost a little (the manifest's inputs, the
	// duplicate check, the area index: bytes per document) but not double.
	lo, hi := slices.Min(peaks), slices.Max(peaks)
	if float64(hi) > 1.5*float64(lo)+8<<20 {
		t.Errorf("peak heap grows with the batch: %v", peaks)
	}
}

// TestLimitsNamed: a document over a limit is failed with the limit's key.
func TestLimitsNamed(t *testing.T) {
	dir := t.TempDir()
	pdf := sample.Copy(t, dir, "middlesbrough-send-progress-2020.chromium.pdf")
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, bytes.Repeat([]byte("# A plan\n\nSome words.\n"), 100_000), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Extract.MaxPages, cfg.Extract.MaxBytes = 1, 2000000
	for path, want := range map[string]string{pdf: "exceeds extract.max_pages (1)", big: "exceeds extract.max_bytes (2000000 bytes)"} {
		d := (&Batch{Config: cfg}).Process(context.Background(), Input{Path: path}).Result.Document
		if d.Status != normalize.StatusFailed || !strings.Contains(d.Error, want) {
			t.Errorf("%s: %s %q, want failed with %q", filepath.Base(path), d.Status, d.Error, want)
		}
	}
}

// TestTimeLimit: a document still extracting at extract.max_seconds is
// failed with the limit named.
func TestTimeLimit(t *testing.T) {
	dir := t.TempDir()
	pdf := sample.Copy(t, dir, "middlesbrough-wsoa-2019.chromium.pdf")
	b := &Batch{Config: config.Default(), TimeLimit: time.Nanosecond}
	r := b.Process(context.Background(), Input{Path: pdf})
	d := r.Result.Document
	if d.Status != "failed" || d.Error != pdf+": exceeds extract.max_seconds (60s)" {
		t.Errorf("status %q error %q, want failed over extract.max_seconds", d.Status, d.Error)
	}
	if len(r.Result.Items) != 0 {
		t.Errorf("%d items from a document over its time", len(r.Result.Items))
	}
}
