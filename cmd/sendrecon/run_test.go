package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/internal/testduck"

	"github.com/sendrecon/sendrecon/internal/sample"
)

const samples = "../../testdata/samples"

// TestBadInputsFailAlone feeds a batch with one good document and every kind
// of bad one: each bad one gets a failed documents row naming its file, the
// good one is written in full, and the command says how many failed.
func TestBadInputsFailAlone(t *testing.T) {
	dir := t.TempDir()
	good := sample.Copy(t, dir, "middlesbrough-send-progress-2020.html")
	pdf := sample.Read(t, "middlesbrough-send-progress-2020.chromium.pdf")
	bad := map[string][]byte{
		"empty.pdf":     {},
		"letter.pdf":    []byte("Dear colleague,\nthis is not a PDF at all.\n"),
		"truncated.pdf": pdf[:len(pdf)/3],
		"garbage.html":  sample.Garbage(4096),
	}
	for name, b := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A link to nothing exists, so it is an input, not a typing slip: it
	// gets a failed row (TestMistypedPath covers a path that is not there).
	missing := filepath.Join(dir, "missing.html")
	if err := os.Symlink(filepath.Join(dir, "gone.html"), missing); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	args := []string{"run", "--quiet", "--out", out, good, missing}
	for name := range bad {
		args = append(args, filepath.Join(dir, name))
	}
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), args, &stdout, &stderr)
	if !errors.Is(err, errDocumentsFailed) {
		t.Fatalf("Run = %v, want errDocumentsFailed; stderr:\n%s", err, stderr.String())
	}
	if got := exitCode(err); got != exitPartial {
		t.Errorf("exit code %d, want %d", got, exitPartial)
	}
	if !strings.Contains(stderr.String(), "5 of 6 documents failed") {
		t.Errorf("stderr lacks the failure count:\n%s", stderr.String())
	}

	db := duck(t)
	rows, err := db.Query(`SELECT source_path, status, coalesce(error, '') FROM read_parquet(?) ORDER BY source_path`,
		filepath.Join(out, "documents.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var path, status, msg string
		if err := rows.Scan(&path, &status, &msg); err != nil {
			t.Fatal(err)
		}
		seen++
		if path == good {
			if status != "ok" || msg != "" {
				t.Errorf("%s: status %q error %q, want ok", path, status, msg)
			}
			continue
		}
		if status != "failed" {
			t.Errorf("%s: status %q, want failed", path, status)
		}
		if !strings.Contains(msg, filepath.Base(path)) {
			t.Errorf("%s: error %q does not name the file", path, msg)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != 6 {
		t.Errorf("documents has %d rows, want 6", seen)
	}
	var items int
	if err := db.QueryRow(`SELECT count(*) FROM read_parquet(?)`, filepath.Join(out, "items.parquet")).Scan(&items); err != nil {
		t.Fatal(err)
	}
	if items == 0 {
		t.Error("the good document's items were not written")
	}
}

// TestRunSamples runs the README's first command and checks every table and
// the manifest are there.
func TestRunSamples(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"run", samples, "--out", out, "--quiet"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	// The run's last lines say what a reviewer asks first, and where the
	// page is: the samples pair a plan with the findings it answers.
	last := stderr.String()
	for _, re := range []string{
		`(?m)^` + regexp.QuoteMeta(out) + `: 4 documents, \d+ items, [1-9]\d* links, \d+ table cells$`,
		`(?m)^findings: [1-9]\d* covered, \d+ partly covered, [1-9]\d* gap$`,
		`(?m)^overdue actions: \d+ \(as of \d{4}-\d\d-\d\d`,
		`(?m)^conflicts: \d+$`,
		`(?m)^review page: ` + regexp.QuoteMeta(filepath.Join(out, "review.html")) + `$`,
	} {
		if !regexp.MustCompile(re).MatchString(last) {
			t.Errorf("the run's output lacks %s:\n%s", re, last)
		}
	}
	for _, f := range []string{"documents", "items", "people", "links", "cells", "coverage", "conflicts", "changes", "item_people", "item_orgs", "item_refs"} {
		if _, err := os.Stat(filepath.Join(out, f+".parquet")); err != nil {
			t.Errorf("table %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
		t.Error(err)
	}
	db := duck(t)
	var docs, failed int
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE status = 'failed') FROM read_parquet(?)`,
		filepath.Join(out, "documents.parquet")).Scan(&docs, &failed); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(samples)
	if docs != len(entries) || failed != 0 {
		t.Errorf("documents: %d rows (%d failed), want %d ok", docs, failed, len(entries))
	}
}

func TestConfigCommands(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("run:\n  wokers: 2\n  progress: loud\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantErr  bool
		contains []string
	}{
		{"show", []string{"config", "show"}, false, []string{"workers: 0", "max_pages: 2000"}},
		{"show defaults", []string{"config", "show", "--defaults"}, false, []string{"# sendrecon's default configuration"}},
		{"validate bad", []string{"config", "validate", bad}, true, []string{"run.wokers", "run.progress", "2 problems"}},
		{"version", []string{"version"}, false, []string{"sendrecon "}},
		{"run without paths", []string{"run"}, true, []string{"requires at least 1 arg"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := Run(context.Background(), tc.args, &stdout, &stderr)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			all := stdout.String() + stderr.String()
			for _, want := range tc.contains {
				if !strings.Contains(all, want) {
					t.Errorf("output lacks %q:\n%s", want, all)
				}
			}
		})
	}
}

func duck(t *testing.T) *sql.DB { return testduck.Open(t) }
