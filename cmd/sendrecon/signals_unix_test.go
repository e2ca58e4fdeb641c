//go:build unix

package main

import (
	"io"
	"syscall"
	"testing"
	"time"
)

// The first SIGTERM cancels the context, and is remembered for the exit
// status.
func TestFirstSignalCancels(t *testing.T) {
	ctx, stop := interruptible(io.Discard)
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
		t.Fatal("context not cancelled a second after SIGTERM")
	}
	if s := stop(); s != syscall.SIGTERM || signalCode(s) != 143 {
		t.Errorf("caught %v (exit %d), want SIGTERM (143)", s, signalCode(s))
	}
}
