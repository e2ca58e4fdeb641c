package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestProfileFlags: the hidden --cpuprofile and --memprofile flags write
// pprof files (gzipped protocol buffers) when the run ends, and a profile
// file that cannot be created stops the command before it runs.
func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	var stdout, stderr bytes.Buffer
	args := []string{"run", filepath.Join(samples, "middlesbrough-send-progress-2020.html"),
		"--out", filepath.Join(dir, "out"), "--quiet", "--cpuprofile", cpu, "--memprofile", mem}
	if err := Run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	for _, f := range []string{cpu, mem} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: %d bytes, not a gzipped pprof profile", filepath.Base(f), len(b))
		}
	}
	stderr.Reset()
	args = []string{"run", samples, "--out", filepath.Join(dir, "out2"), "--quiet", "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "cpu.prof")}
	if err := Run(context.Background(), args, &stdout, &stderr); err == nil {
		t.Error("a CPU profile that cannot be created: the run went ahead")
	}
	if _, err := os.Stat(filepath.Join(dir, "out2")); err == nil {
		t.Error("the run wrote output although its profile could not be created")
	}
}
