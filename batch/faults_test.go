package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/internal/sample"
	"github.com/sendrecon/sendrecon/normalize"
)

// TestFaults feeds a batch of good documents mixed with every kind of bad
// input: each bad one is a failed documents row naming its file, each good
// one's rows are all written, nothing panics, and no temporary file is left.
func TestFaults(t *testing.T) {
	dir := t.TempDir()
	good := genBatch(t, filepath.Join(mkdir(t, dir, "good")), 24)
	pdf := sample.Read(t, "middlesbrough-send-progress-2020.chromium.pdf")
	bad := filepath.Join(mkdir(t, dir, "bad"))
	write := func(name string, b []byte) string {
		p := filepath.Join(bad, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	flipped := bytes.Clone(pdf)
	for i := len(flipped) / 4; i < len(flipped); i += 97 {
		flipped[i] ^= 0x5a
	}
	encrypted := bytes.Replace(bytes.Clone(pdf), []byte("trailer\n<<"), []byte("trailer\n<< /Encrypt << /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >>"), 1)
	if bytes.Equal(encrypted, pdf) {
		encrypted = append([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R /Encrypt << /Filter /Standard >> >>\n%%EOF\n"), 0)
	}
	deep := strings.Repeat("<div>", 200_000) + "SEND plan" + strings.Repeat("</div>", 200_000)
	huge := bytes.Repeat([]byte("0 0 obj\n"), 1<<20)
	inputs := map[string]string{
		"truncated.pdf": write("truncated.pdf", pdf[:len(pdf)/2]),
		"header.pdf":    write("header.pdf", pdf[:16]),
		"corrupt.pdf":   write("corrupt.pdf", flipped),
		"encrypted.pdf": write("encrypted.pdf", encrypted),
		"oversized.pdf": write("oversized.pdf", append([]byte("%PDF-1.7\n"), huge...)),
		"deep.html":     write("deep.html", []byte(deep)),
		"badutf8.html":  write("badutf8.html", []byte("<h1>Plan \xff\xfe\xc3</h1><p>\xed\xa0\x80 text</p>")),
		"binary.md":     write("binary.md", sample.Garbage(8192)),
	}
	// Unreadable, though tests run as root: a FIFO (opening it would wait
	// for a writer forever) and a dangling symlink, named like documents.
	fifo := filepath.Join(bad, "fifo.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		inputs["fifo.pdf"] = fifo
	}
	link := filepath.Join(bad, "dangling.pdf")
	if err := os.Symlink(filepath.Join(bad, "nowhere.pdf"), link); err != nil {
		t.Fatal(err)
	}
	inputs["dangling.pdf"] = link

	// oversized.pdf is over max_bytes; everything else is well under.
	cfg := config.Default()
	cfg.Extract.MaxBytes = 4000000
	cfg.Run.Out = filepath.Join(dir, "out")
	cfg.Run.Workers = 4
	out := cfg.Run.Out
	paths := slices.Clone(good)
	for _, p := range inputs {
		paths = append(paths, p)
	}
	sink := &recorder{}
	done := make(chan error, 1)
	var sum Summary
	go func() {
		var err error
		sum, err = (&Batch{Config: cfg}).Run(context.Background(), expand(t, paths), sink)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the batch did not finish: a bad input hangs it")
	}
	if sum.Failed == 0 {
		t.Fatal("no document failed")
	}

	db := duck(t)
	status := map[string][2]string{}
	rows, err := db.Query(`SELECT source_path, status, coalesce(error, '') FROM read_parquet(?)`, filepath.Join(out, "documents.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p, s, e string
		if err := rows.Scan(&p, &s, &e); err != nil {
			t.Fatal(err)
		}
		status[p] = [2]string{s, e}
	}
	rows.Close()
	for _, p := range good {
		// The generated plain-text plans have no items: partial, saying so.
		if s := status[p]; s[0] != normalize.StatusOK && !(s[0] == normalize.StatusPartial && strings.Contains(s[1], "no items found")) {
			t.Errorf("%s: %v, want ok", filepath.Base(p), s)
		}
	}
	for name, p := range inputs {
		s, ok := status[p]
		switch {
		case !ok:
			t.Errorf("%s: no documents row", name)
		case name == "badutf8.html" || name == "deep.html":
			// Readable, if odd: it may be ok, partial or failed, but
			// never lost, and its error names the file.
			if s[0] == normalize.StatusFailed && !strings.Contains(s[1], name) {
				t.Errorf("%s: error %q does not name the file", name, s[1])
			}
		case s[0] != normalize.StatusFailed:
			t.Errorf("%s: status %q, want failed", name, s[0])
		case !strings.Contains(s[1], name):
			t.Errorf("%s: error %q does not name the file", name, s[1])
		}
		if s[0] == normalize.StatusFailed && !sink.failed[p] {
			t.Errorf("%s: failure not reported to the sink", name)
		}
	}
	if s := status[inputs["oversized.pdf"]]; !strings.Contains(s[1], "exceeds extract.max_bytes") {
		t.Errorf("oversized.pdf: error %q does not name extract.max_bytes", s[1])
	}
	for p, s := range status {
		if strings.Contains(s[1], "internal error") || strings.Contains(s[1], "panic") {
			t.Errorf("%s: a panic reached the output: %s", p, s[1])
		}
	}
	// Every good document's items and cells are there, as a batch of the
	// good ones alone writes them.
	alone := filepath.Join(dir, "alone")
	runBatch(t, alone, good)
	for _, table := range []string{"items", "cells"} {
		var missing, all int
		if err := db.QueryRow(`SELECT count(*), (SELECT count(*) FROM read_parquet(?)) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL SELECT * FROM read_parquet(?))`,
			filepath.Join(alone, table+".parquet"), filepath.Join(alone, table+".parquet"), filepath.Join(out, table+".parquet")).Scan(&missing, &all); err != nil {
			t.Fatal(err)
		}
		if missing != 0 || all == 0 {
			t.Errorf("%s: %d of the good documents' %d rows missing", table, missing, all)
		}
	}
	noTemporaries(t, out)
}

func mkdir(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(parts...)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// noTemporaries fails if dir holds anything hidden: a table's temporary
// file or the run's scratch folder.
func noTemporaries(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}

// TestOutputGoneMidRun: the output folder is replaced by a file while the
// documents are being processed. The run fails with an error, leaves no
// table (whole or half) behind, and does not panic.
func TestOutputGoneMidRun(t *testing.T) {
	dir := t.TempDir()
	paths := genBatch(t, mkdir(t, dir, "in"), 60)
	out := filepath.Join(dir, "out")
	cfg := config.Default()
	cfg.Run.Out = out
	cfg.Run.Workers = 2
	cfg.Run.Progress = "off"
	b := &Batch{Config: cfg}
	inputs := make([]Input, len(paths))
	for i, p := range paths {
		inputs[i] = Input{Path: p}
	}
	// The first document to finish pulls the folder away.
	var once bool
	b.AfterDocument = func() {
		if once {
			return
		}
		once = true
		if err := os.RemoveAll(out); err != nil {
			t.Error(err)
		}
		if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil {
			t.Error(err)
		}
	}
	_, err := b.Run(context.Background(), inputs, nil)
	if err == nil {
		t.Fatal("run succeeded with its output folder gone")
	}
	if !strings.Contains(err.Error(), out) {
		t.Errorf("error %q does not name the output", err)
	}
	info, serr := os.Stat(out)
	if serr != nil || info.IsDir() {
		t.Fatalf("output is no longer the file put there: %v", serr)
	}
	if got, _ := os.ReadFile(out); string(got) != "not a folder" {
		t.Errorf("the file in the output's place was changed: %q", got)
	}
}

// TestTableInTheWay: a table cannot be renamed into place (a folder is
// in the way). Close fails, every table of this run is removed again, and
// the earlier run's output is untouched.
func TestTableInTheWay(t *testing.T) {
	dir := t.TempDir()
	paths := genBatch(t, mkdir(t, dir, "in"), 10)
	out := filepath.Join(dir, "out")
	runBatch(t, out, paths)
	before := readTables(t, out)
	// A folder named like a table cannot be replaced by a file.
	if err := os.Remove(filepath.Join(out, "links.parquet")); err != nil {
		t.Fatal(err)
	}
	mkdir(t, out, "links.parquet")
	cfg := config.Default()
	cfg.Run.Out = out
	_, err := (&Batch{Config: cfg, Force: true}).Run(context.Background(), expand(t, paths[:1]), nil)
	if err == nil {
		t.Fatal("run succeeded with a folder in a table's place")
	}
	for _, name := range allTables {
		if name == "links" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, name+".parquet"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		// Tables before links in Schema order were renamed, then put
		// back by removing them: what is there is the earlier run's or
		// nothing, never this run's.
		if !bytes.Equal(b, before[name]) {
			t.Errorf("%s.parquet is not the earlier run's", name)
		}
	}
	noTemporaries(t, out)
}

// recorder is a Sink that keeps what it hears.
type recorder struct {
	mu       sync.Mutex
	failed   map[string]bool
	warnings []string
	notes    []string
}

func (r *recorder) Start(int) {}

func (r *recorder) Done(d *normalize.Document, carried bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d.Status == normalize.StatusFailed {
		if r.failed == nil {
			r.failed = map[string]bool{}
		}
		r.failed[d.SourcePath] = true
	}
}

func (r *recorder) Warn(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.warnings = append(r.warnings, msg)
}

func (r *recorder) Note(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notes = append(r.notes, msg)
}
