package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// signalGrace is how long a run has, after the first SIGINT or SIGTERM, to
// stop by itself (kill its workers, remove its temporary files, leave the
// previous output as it was) before it is ended regardless.
const signalGrace = 2 * time.Second

// interruptible returns a context cancelled by the first SIGINT or SIGTERM.
// A second signal, or a run still going signalGrace after the first, exits
// at once, after the cleanups registered with atExit. stop undoes it and
// returns the signal caught, nil if none.
func interruptible(stderr io.Writer) (ctx context.Context, stop func() os.Signal) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	var caught atomic.Value
	go func() {
		var s os.Signal
		select {
		case s = <-sigs:
		case <-done:
			return
		}
		caught.Store(s)
		fmt.Fprintf(stderr, "sendrecon: %v: stopping; the previous output is kept (signal again to quit at once)\n", s)
		cancel()
		select {
		case <-sigs:
		case <-time.After(signalGrace):
			fmt.Fprintf(stderr, "sendrecon: not stopped after %v; quitting\n", signalGrace)
		case <-done:
			return
		}
		runAtExit()
		os.Exit(signalCode(s))
	}()
	return ctx, func() os.Signal {
		signal.Stop(sigs)
		close(done)
		cancel()
		s, _ := caught.Load().(os.Signal)
		return s
	}
}

// signalCode is the shell's exit status for a process ended by s.
func signalCode(s os.Signal) int {
	if s == syscall.SIGTERM {
		return 128 + 15
	}
	return 128 + 2
}

var exitHooks struct {
	sync.Mutex
	fns map[int]func() error
	n   int
}

// atExit registers a cleanup (a lock's release) that must run even when a
// second signal ends the process at once; the returned func unregisters it.
func atExit(fn func() error) (unregister func()) {
	exitHooks.Lock()
	defer exitHooks.Unlock()
	if exitHooks.fns == nil {
		exitHooks.fns = map[int]func() error{}
	}
	exitHooks.n++
	id := exitHooks.n
	exitHooks.fns[id] = fn
	return func() {
		exitHooks.Lock()
		delete(exitHooks.fns, id)
		exitHooks.Unlock()
	}
}

func runAtExit() {
	exitHooks.Lock()
	defer exitHooks.Unlock()
	for _, fn := range exitHooks.fns {
		_ = fn()
	}
}
