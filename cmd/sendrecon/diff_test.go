package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/internal/golden"
)

const diffFixture = "../../testdata/diff"

// TestDiffGolden diffs a plan and its hand-edited quarterly update (three
// status moves, a due date moved, a lead changed, a wording edit, a row
// removed and one added) and checks the terminal diff and the changes
// table against golden files.
func TestDiffGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"diff", "--color", "never", "--out", out,
		filepath.Join(diffFixture, "v1.html"), filepath.Join(diffFixture, "v2.html")}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("diff: %v\n%s", err, stderr.String())
	}
	golden.Check(t, filepath.Join(diffFixture, "diff.golden"), stdout.Bytes())
	if bytes.Contains(stdout.Bytes(), []byte("\x1b[")) {
		t.Error("--color never printed escape codes")
	}

	f, err := os.Open(filepath.Join(out, "changes.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := parquet.Read[emit.ChangeRow](f, statSize(f))
	if err != nil {
		t.Fatal(err)
	}
	// One JSON object per row, keyed by column name as SCHEMA.md names
	// them: null is a null cell.
	type row struct {
		OldDocID  string  `json:"old_doc_id"`
		NewDocID  string  `json:"new_doc_id"`
		OldItemID *string `json:"old_item_id"`
		NewItemID *string `json:"new_item_id"`
		Key       string  `json:"key"`
		Kind      string  `json:"kind"`
		Change    string  `json:"change"`
		Field     *string `json:"field"`
		Before    *string `json:"before"`
		After     *string `json:"after"`
	}
	var buf bytes.Buffer
	for _, r := range rows {
		line, err := json.Marshal(row(r))
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	golden.Check(t, filepath.Join(diffFixture, "changes.golden"), buf.Bytes())

	page, err := os.ReadFile(filepath.Join(out, "review.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Changes between versions", "Deputy Director of Nursing", "<ins>and publish </ins>"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("review.html lacks %q", want)
		}
	}
}

func TestDiffColour(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"diff", "--color", "always",
		filepath.Join(diffFixture, "v1.html"), filepath.Join(diffFixture, "v2.html")}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("diff: %v\n%s", err, stderr.String())
	}
	want := ansiRed + "Not due yet" + ansiReset + " → " + ansiGreen + "On track some concerns" + ansiReset
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("coloured diff lacks the status move in red and green:\n%q", stdout.String())
	}
	// A buffer is no terminal: auto means plain.
	stdout.Reset()
	if err := Run(context.Background(), []string{"diff", filepath.Join(diffFixture, "v1.html"),
		filepath.Join(diffFixture, "v2.html")}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stdout.String(), "\x1b[") {
		t.Error("--color auto coloured output that is not a terminal")
	}
}

func TestDiffErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"diff", filepath.Join(diffFixture, "v1.html"), "nowhere.html"}, "nowhere.html"},
		{"bad colour", []string{"diff", "--color", "sometimes", "a", "b"}, `--color "sometimes"`},
		{"one file", []string{"diff", "a"}, "accepts 2 arg(s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := Run(context.Background(), tc.args, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Run = %v, want an error naming %q", err, tc.want)
			}
		})
	}
}
