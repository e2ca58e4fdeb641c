package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/internal/hostile"
	"github.com/sendrecon/sendrecon/outlock"
)

// TestOneRunPerOutput: a run into a folder another run holds is refused
// (exit 2), naming the holder, and the folder is untouched.
func TestOneRunPerOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	lock, err := outlock.Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	var stdout, stderr bytes.Buffer
	err = Run(context.Background(), []string{"run", "--quiet", "--out", out, filepath.Join("testdata", "area")}, &stdout, &stderr)
	if !errors.Is(err, outlock.ErrHeld) || exitCode(err) != exitFatal {
		t.Fatalf("Run = %v (exit %d), want ErrHeld and exit %d", err, exitCode(err), exitFatal)
	}
	if !strings.Contains(err.Error(), "process "+itoa(os.Getpid())) {
		t.Errorf("error %q does not name the holder", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("output folder touched: %v", err)
	}
}

// TestInterruptKeepsOutput: a run cancelled (as by SIGINT) while a worker
// reads a document that never ends stops within a second, leaves the
// previous output as it was and no temporary files, and releases its lock.
func TestInterruptKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	good := []string{filepath.Join("testdata", "area")}
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), append([]string{"run", "--quiet", "--out", out}, good...), &stdout, &stderr); err != nil {
		t.Fatalf("first run: %v\n%s", err, stderr.String())
	}
	before := snapshot(t, out)
	var hang []byte
	for _, f := range hostile.Files(1 << 10) {
		if f.Name == "objstm-extends-loop.pdf" {
			hang = f.Data
		}
	}
	loop := filepath.Join(dir, "loop.pdf")
	if err := os.WriteFile(loop, hang, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, append([]string{"run", "--quiet", "--force", "--out", out, loop}, good...), &stdout, &stderr)
	}()
	time.Sleep(1500 * time.Millisecond)
	cancel()
	start := time.Now()
	select {
	case err := <-errc:
		if err == nil {
			t.Error("an interrupted run succeeded")
		}
		// The aim is a second on an idle machine (measured 0.06 s); the
		// bound is wider so a loaded CI machine does not fail it, and still
		// fails a run that waits for the looping document to finish.
		d := time.Since(start)
		t.Logf("stopped %v after the interrupt", d)
		if d > 3*time.Second {
			t.Errorf("stopped %v after the interrupt", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after an interrupt")
	}
	sameFiles(t, before, snapshot(t, out))
	if _, err := os.Stat(outlock.Path(out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock left behind: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
