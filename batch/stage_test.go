package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sendrecon/sendrecon/config"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listFiles is every file under dir (relative) and its content.
func listFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameMap(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("files %v, want %v", got, want)
		return
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// TestPublish: staged files replace the run's files, a whole table
// replaces its parts, files that are not the run's stay, the page of an
// earlier run named for removal goes, and the staging folder is gone.
func TestPublish(t *testing.T) {
	target := filepath.Join(t.TempDir(), "out")
	writeFiles(t, target, map[string]string{
		"decisions.jsonl": "d", "notes.txt": "n", "manifest.json": "old m",
		"items/part-0.parquet": "old part", "review.html": "old page", "links.parquet": "old links",
	})
	st, err := NewStage(target)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, st.Dir(), map[string]string{"items.parquet": "new items", "links.parquet": "new links", "manifest.json": "new m", ".scratch-1/x": "scratch"})
	if err := st.Publish("review.html"); err != nil {
		t.Fatal(err)
	}
	sameMap(t, listFiles(t, target), map[string]string{
		"decisions.jsonl": "d", "notes.txt": "n", "manifest.json": "new m", "items.parquet": "new items", "links.parquet": "new links",
	})
	if m, _ := filepath.Glob(StagingPattern(target)); len(m) > 0 {
		t.Errorf("staging left: %v", m)
	}
}

// TestPublishRollsBack: a staged file that cannot be put in place (a
// folder is in its way) puts back every file already displaced.
func TestPublishRollsBack(t *testing.T) {
	target := filepath.Join(t.TempDir(), "out")
	before := map[string]string{"manifest.json": "old m", "documents.parquet": "old docs", "people.parquet/keep": "someone's folder"}
	writeFiles(t, target, before)
	st, err := NewStage(target)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, st.Dir(), map[string]string{"documents.parquet": "new docs", "people.parquet": "new people", "manifest.json": "new m"})
	if err := st.Publish(); err == nil {
		t.Fatal("published over a folder")
	}
	sameMap(t, listFiles(t, target), before)
	if m, _ := filepath.Glob(StagingPattern(target)); len(m) > 0 {
		t.Errorf("staging left: %v", m)
	}
}

// TestInterruptedRunPublishesNothing: a run whose context is cancelled
// part way (the CLI cancels it on SIGINT and SIGTERM) returns the
// cancellation, keeps the earlier output byte for byte and leaves no
// staging folder.
func TestInterruptedRunPublishesNothing(t *testing.T) {
	dir := t.TempDir()
	paths := genBatch(t, mkdir(t, dir, "in"), 30)
	out := filepath.Join(dir, "out")
	runBatch(t, out, paths[:10])
	before := listFiles(t, out)
	cfg := config.Default()
	cfg.Run.Out = out
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	b := &Batch{Config: cfg, AfterDocument: func() {
		if n++; n == 5 {
			cancel()
		}
	}}
	_, err := b.Run(ctx, expand(t, paths), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	sameMap(t, listFiles(t, out), before)
	if m, _ := filepath.Glob(StagingPattern(out)); len(m) > 0 {
		t.Errorf("staging left: %v", m)
	}
}

// TestRemoveStale: a killed run's staging folders go; the output and its
// neighbours stay.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	writeFiles(t, dir, map[string]string{
		"out/items.parquet": "i", ".out.staging-123/items.parquet": "half", "out/.out.staging-9/x": "half",
		".other.staging-1/x": "another output's",
	})
	if err := RemoveStale(target); err != nil {
		t.Fatal(err)
	}
	sameMap(t, listFiles(t, dir), map[string]string{"out/items.parquet": "i", ".other.staging-1/x": "another output's"})
}
