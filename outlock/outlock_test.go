package outlock

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecondRunRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	l, err := Acquire(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(out)
	if !errors.Is(err, ErrHeld) {
		t.Fatalf("second Acquire = %v, want ErrHeld", err)
	}
	host, _ := os.Hostname()
	for _, want := range []string{out, "process " + itoa(os.Getpid()), host, Path(out)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(out)
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	_ = l2.Release()
}

// A lock whose process is gone is taken over.
func TestStaleLockTakenOver(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	out := filepath.Join(t.TempDir(), "out")
	host, _ := os.Hostname()
	b, _ := json.Marshal(Holder{PID: dead, Host: host, Started: time.Now()})
	if err := os.WriteFile(Path(out), b, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Acquire(out)
	if err != nil {
		t.Fatalf("stale lock of dead process %d: %v", dead, err)
	}
	_ = l.Release()
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
