package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/sendrecon/sendrecon/internal/sample"
	"github.com/sendrecon/sendrecon/reconcile"
)

// The fault suite: each test starts from an earlier run's output (tables,
// manifest, review page and a reviewer's decision), does what a user or
// the machine gets wrong, and checks that nothing that existed before is
// lost and, where the run went ahead, that every input has its row.

// earlier is a folder with the samples as inputs and an earlier run's
// output, with one accepted link in its decisions file.
type earlier struct {
	dir, in, out string
	inputs       []string
	accepted     string // the link a reviewer accepted
}

func newEarlier(t *testing.T) *earlier {
	t.Helper()
	e := &earlier{dir: t.TempDir()}
	e.in = mkdir(t, e.dir, "in")
	entries, err := os.ReadDir(samples)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		e.inputs = append(e.inputs, sample.Copy(t, e.in, en.Name()))
	}
	// A plan whose actions cite its findings, for links to review.
	plan, err := os.ReadFile(filepath.Join(diffFixture, "v1.html"))
	if err != nil {
		t.Fatal(err)
	}
	e.inputs = append(e.inputs, filepath.Join(e.in, "plan.html"))
	if err := os.WriteFile(e.inputs[len(e.inputs)-1], plan, 0o644); err != nil {
		t.Fatal(err)
	}
	e.out = filepath.Join(e.dir, "out")
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"run", "--quiet", "--out", e.out, e.in}, &stdout, &stderr); err != nil {
		t.Fatalf("earlier run: %v\n%s", err, stderr.String())
	}
	links, err := readLinks(e.out)
	if err != nil || len(links) == 0 {
		t.Fatalf("earlier run has no links: %v", err)
	}
	for id := range links {
		if e.accepted == "" || id < e.accepted {
			e.accepted = id
		}
	}
	if err := Run(context.Background(), []string{"review", "accept", "--out", e.out, "--by", "tester", e.accepted}, &stdout, &stderr); err != nil {
		t.Fatalf("review accept: %v\n%s", err, stderr.String())
	}
	return e
}

func mkdir(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(parts...)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFaultMistypedPath: one mistyped path among good ones is a usage
// error naming it; the earlier output is untouched.
func TestFaultMistypedPath(t *testing.T) {
	e := newEarlier(t)
	before := snapshot(t, e.out)
	code, stderr := sendrecon(t, e.dir, nil, "run", "in", "inn/plan.pdf", "--out", "out", "--quiet")
	if code != exitFatal || !strings.Contains(stderr, "inn/plan.pdf: no such file or folder") {
		t.Errorf("exit %d, stderr %q; want 2 naming inn/plan.pdf", code, stderr)
	}
	sameFiles(t, before, snapshot(t, e.out))

	// A folder with nothing sendrecon reads says so, the same way.
	empty := mkdir(t, e.dir, "letters")
	if err := os.WriteFile(filepath.Join(empty, "letter.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr = sendrecon(t, e.dir, nil, "run", "letters", "--out", "out", "--quiet")
	if code != exitFatal || !strings.Contains(stderr, "letters: no document in this folder") {
		t.Errorf("exit %d, stderr %q; want 2 saying letters holds no document", code, stderr)
	}
	sameFiles(t, before, snapshot(t, e.out))
}

// TestFaultUnwritableOutput: an output that is a file, or below one, is an
// error before any document is read; nothing is written anywhere.
func TestFaultUnwritableOutput(t *testing.T) {
	e := newEarlier(t)
	file := filepath.Join(e.dir, "notes.txt")
	if err := os.WriteFile(file, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, e.dir)
	for _, out := range []string{file, filepath.Join(file, "out")} {
		code, stderr := sendrecon(t, e.dir, nil, "run", "in", "--out", out, "--quiet")
		if code != exitFatal || !strings.Contains(stderr, file) {
			t.Errorf("--out %s: exit %d, stderr %q; want 2 naming it", out, code, stderr)
		}
	}
	sameFiles(t, before, snapshot(t, e.dir))
}

// TestFaultDiffIntoRun: diff --out into a run's folder is refused; with
// --force it replaces the run's tables but keeps the decisions.
func TestFaultDiffIntoRun(t *testing.T) {
	e := newEarlier(t)
	before := snapshot(t, e.out)
	v1, v2 := filepath.Join(diffFixture, "v1.html"), filepath.Join(diffFixture, "v2.html")
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"diff", "--color", "never", "--out", e.out, v1, v2}, &stdout, &stderr)
	if err == nil || exitCode(err) != exitFatal || !strings.Contains(err.Error(), "--force") {
		t.Errorf("diff into a run's folder: %v, want refused naming --force", err)
	}
	sameFiles(t, before, snapshot(t, e.out))
	if err := Run(context.Background(), []string{"diff", "--color", "never", "--force", "--out", e.out, v1, v2}, &stdout, &stderr); err != nil {
		t.Fatalf("diff --force: %v", err)
	}
	everyInputHasARow(t, e.out, []string{v1, v2})
	decisions := filepath.Join(e.out, "decisions.jsonl")
	if after := snapshot(t, e.out); after[decisions] != before[decisions] {
		t.Error("diff --force lost the decisions file")
	}
}

// TestFaultRunFromAnotherFolder: the same run started from another
// folder applies the decisions kept with the output, and a decisions file
// in the working directory (where earlier versions kept it) is reported.
func TestFaultRunFromAnotherFolder(t *testing.T) {
	e := newEarlier(t)
	elsewhere := mkdir(t, e.dir, "elsewhere", "deeper")
	stray := `{"link_id":"` + reconcile.LinkID("a", "b", "addresses") + `","action":"add","src":"a","dst":"b","relation":"addresses","by":"x","at":"2024-01-01T00:00:00Z"}` + "\n"
	if err := os.WriteFile(filepath.Join(elsewhere, "decisions.jsonl"), []byte(stray), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr := sendrecon(t, elsewhere, nil, "run", "../../in", "--out", "../../out", "--quiet", "--force")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, filepath.Join(elsewhere, "decisions.jsonl")) || !strings.Contains(stderr, "1 decisions from an earlier run, not applied") {
		t.Errorf("the stray decisions file is not reported:\n%s", stderr)
	}
	links, err := readLinks(e.out)
	if err != nil {
		t.Fatal(err)
	}
	if got := links[e.accepted].Review; got != reconcile.ReviewAccepted {
		t.Errorf("accepted link %s is %q after a run from another folder", e.accepted, got)
	}
	var rel []string
	for _, in := range e.inputs {
		rel = append(rel, filepath.Join("../../in", filepath.Base(in)))
	}
	everyInputHasARow(t, e.out, rel)
	readableByAll(t, e.out)
}

// readableByAll checks that every file of an output is 0644 and every
// folder 0755, whatever the umask: a data team's loader may run as
// another user.
func readableByAll(t *testing.T, out string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := os.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFaultDecisionsFrom20Processes: twenty reviewers' commands at once,
// each its own process, all land in the output's decisions file, which
// stays readable; the earlier decision is kept.
func TestFaultDecisionsFrom20Processes(t *testing.T) {
	e := newEarlier(t)
	var wg sync.WaitGroup
	codes := make([]int, 20)
	errs := make([]string, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], errs[i] = sendrecon(t, e.dir, nil, "review", "add", "--out", "out", "--by", fmt.Sprint("reviewer-", i),
				fmt.Sprintf("doc-a-action-%d", i), "doc-b-finding-1", "--relation", "addresses")
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != exitOK {
			t.Errorf("process %d: exit %d: %s", i, c, errs[i])
		}
	}
	ds, err := reconcile.ReadDecisions(filepath.Join(e.out, "decisions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range ds {
		seen[d.By+" "+d.Src] = true
		seen[d.LinkID] = true
	}
	if len(ds) != 21 || !seen[e.accepted] {
		t.Errorf("%d decisions (earlier one kept: %v), want the earlier one and 20 new", len(ds), seen[e.accepted])
	}
	for i := range 20 {
		if !seen[fmt.Sprintf("reviewer-%d doc-a-action-%d", i, i)] {
			t.Errorf("reviewer-%d's decision is lost", i)
		}
	}
	if info, err := os.Stat(filepath.Join(e.out, "decisions.jsonl")); err == nil && info.Mode().Perm()&0o044 != 0o044 {
		t.Errorf("decisions.jsonl is %v: others cannot read it", info.Mode().Perm())
	}
}
