package reconcile

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func boundedDecision(note string) Decision {
	src, dst := "i_1", "i_2"
	return Decision{LinkID: LinkID(src, dst, "addresses"), Action: DecisionAccept, Src: src, Dst: dst,
		Relation: "addresses", Note: note, By: "reviewer", At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

// A note over the bound is refused, naming the bound, and the file is left
// as it was; the longest note allowed, even all escapes, reads back.
func TestDecisionBounds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	err := AppendDecisions(path, boundedDecision(strings.Repeat("x", 130<<10)))
	if err == nil || !strings.Contains(err.Error(), "MaxNoteBytes") {
		t.Fatalf("130 KB note: %v, want refused naming MaxNoteBytes", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("refused decision created the file: %v", err)
	}
	worst := strings.Repeat("\x01", MaxNoteBytes) // six bytes each in JSON
	if err := AppendDecisions(path, boundedDecision(worst)); err != nil {
		t.Fatal(err)
	}
	ds, err := ReadDecisions(path)
	if err != nil || len(ds) != 1 || ds[0].Note != worst {
		t.Fatalf("read back %d decisions, %v", len(ds), err)
	}
}

// A damaged line is reported with its number, however long it is.
func TestDamagedLineNumbered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	if err := AppendDecisions(path, boundedDecision("fine")); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("{\"link_id\": \"" + strings.Repeat("y", 2<<20) + "\"}\n{broken\n")
	_ = f.Close()
	_, err = ReadDecisions(path)
	for _, want := range []string{"line 2", "line 3"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}

// Appending through a symbolic link writes the file it points to, keeping
// the link and the file's mode.
func TestAppendFollowsLinkKeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on windows")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "kept", "decisions.jsonl")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, nil, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(real, 0o664); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "decisions.jsonl")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := AppendDecisions(link, boundedDecision("via the link")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v %v", st.Mode(), err)
	}
	st, err := os.Stat(real)
	if err != nil || st.Mode().Perm() != 0o664 {
		t.Fatalf("mode %v (%v), want 0664 kept", st.Mode().Perm(), err)
	}
	if ds, err := ReadDecisions(real); err != nil || len(ds) != 1 {
		t.Fatalf("%d decisions in the linked file, %v", len(ds), err)
	}
}
