package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	c := Default()
	if c.Run.Out != "out" || c.Run.Progress != "auto" || c.Extract.MaxPages != 2000 {
		t.Fatalf("defaults not loaded: %+v", c.Run)
	}
	if c.Workers() < 1 {
		t.Fatalf("Workers() = %d", c.Workers())
	}
}

func TestValidateNamesEveryBadKey(t *testing.T) {
	file := writeFile(t, `
run:
  workers: -2
  progres: bar
  progress: fancy
extract:
  max_bytes: lots
`)
	errs := Validate(file)
	got := joinErrs(errs)
	for _, want := range []string{"run.progres", "run.workers", "run.progress", "fancy", "extract.max_bytes"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors do not name %q:\n%s", want, got)
		}
	}
	if len(errs) < 4 {
		t.Errorf("got %d errors, want every problem at once:\n%s", len(errs), got)
	}
}

func TestFileAndEnvironmentOverride(t *testing.T) {
	file := writeFile(t, "run:\n  workers: 3\n  out: from-file\n")
	c, err := load(file, []string{"SENDRECON_RUN_OUT=from-env", "PATH=/bin"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Run.Workers != 3 || c.Run.Out != "from-env" {
		t.Fatalf("got workers=%d out=%q, want 3 and from-env", c.Run.Workers, c.Run.Out)
	}
	if c.Extract.MaxPages != 2000 {
		t.Fatalf("a key the file does not set lost its default: %d", c.Extract.MaxPages)
	}
}

func TestEnvironmentErrors(t *testing.T) {
	_, err := load("", []string{"SENDRECON_RUN_WORKRS=2", "SENDRECON_RUN_WORKERS=many"})
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{"SENDRECON_RUN_WORKRS", "run.workers"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %q: %v", want, err)
		}
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("got %v, want an error naming the file", err)
	}
}

func TestYAMLRoundTrips(t *testing.T) {
	c := Default()
	b, err := c.YAML()
	if err != nil {
		t.Fatal(err)
	}
	c2, err := load(writeFile(t, string(b)), nil)
	if err != nil {
		t.Fatalf("config show output does not load back: %v", err)
	}
	if c.Digest() != c2.Digest() {
		t.Fatal("digest changed after a round trip through config show")
	}
}

func writeFile(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func joinErrs(errs []error) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}
