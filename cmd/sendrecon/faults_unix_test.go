//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/internal/sample"
)

// TestFaultSIGTERMMidRun: a run killed politely while it reads documents
// stops within seconds, leaves the earlier output as it was and no
// staging folder behind.
func TestFaultSIGTERMMidRun(t *testing.T) {
	e := newEarlier(t)
	// Enough PDF pages to be caught in the middle, one at a time.
	big := mkdir(t, e.dir, "big")
	pdf := sample.Read(t, "middlesbrough-wsoa-2019.chromium.pdf")
	for i := range 40 {
		// One byte more each: no two inputs are the same document.
		b := append(append([]byte(nil), pdf...), strings.Repeat("\n", i)...)
		if err := os.WriteFile(filepath.Join(big, "plan-"+string(rune('a'+i%26))+string(rune('a'+i/26))+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, e.out)
	cmd := command(e.dir, nil, "run", "big", "in", "--out", "out", "--workers", "1", "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	staging := filepath.Join(e.dir, ".out.staging-*")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m, _ := filepath.Glob(staging); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("no staging folder appeared")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // in the middle of the documents
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the run did not stop within 10s of SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code == exitOK {
		t.Error("an interrupted run exited 0")
	}
	sameFiles(t, before, snapshot(t, e.out))
}

// TestFaultFullDisk: every file stops growing at 16 KiB, as on a full
// disk, so the larger tables cannot be written: the run fails, and the
// earlier output is as it was, with no temporary file left.
func TestFaultFullDisk(t *testing.T) {
	e := newEarlier(t)
	before := snapshot(t, e.out)
	code, stderr := sendrecon(t, e.dir, []string{"SR_TEST_FSIZE=16384"}, "run", "in", "--out", "out", "--quiet", "--force")
	if code != exitFatal || !strings.Contains(stderr, "file too large") {
		t.Errorf("exit %d, stderr %q; want 2 saying the file is too large", code, stderr)
	}
	sameFiles(t, before, snapshot(t, e.out))
	// With room again, the same run writes every input's row.
	code, stderr = sendrecon(t, e.dir, nil, "run", "in", "--out", "out", "--quiet", "--force")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	var rel []string
	for _, in := range e.inputs {
		rel = append(rel, filepath.Join("in", filepath.Base(in)))
	}
	everyInputHasARow(t, e.out, rel)
}
