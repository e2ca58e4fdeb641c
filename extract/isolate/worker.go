package isolate

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"

	"github.com/sendrecon/sendrecon/extract"
)

// envWorker marks a process as a worker; its value is the memory ceiling in
// bytes (0: none). It lacks config's SENDRECON_ prefix on purpose: config
// refuses SENDRECON_ variables it does not know.
const envWorker = "_SENDRECON_ISOLATE_WORKER"

// workerGCPercent is a worker's GOGC (see serve).
const workerGCPercent = 400

// WorkerArg is the argument a worker is started with, so that it is
// recognisable in a process list; Main goes by the environment, not by it.
const WorkerArg = "__worker"

// Main turns this process into a worker and never returns when it was
// started as one by a Pool; otherwise it returns at once. Call it first
// thing in main, and in TestMain of tests that run a Pool.
func Main() {
	v, ok := os.LookupEnv(envWorker)
	if !ok {
		return
	}
	limit, _ := strconv.ParseInt(v, 10, 64)
	os.Exit(serve(os.Stdin, os.Stdout, limit))
}

// serve answers requests until stdin closes. It returns the exit code.
func serve(in io.Reader, out *os.File, limit int64) int {
	// The PDF library prints debugging lines with fmt.Printf: they must go
	// to stderr, not into the replies.
	os.Stdout = os.Stderr
	// An interrupt from the terminal reaches the whole process group; the
	// parent decides what it means and kills its workers itself.
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	if limit > 0 {
		if err := limitMemory(limit); err != nil {
			fmt.Fprintf(os.Stderr, "isolate worker: memory ceiling: %v\n", err)
			return 3
		}
		// Collect harder as the ceiling nears, so a document that fits is
		// not killed for garbage it left behind.
		debug.SetMemoryLimit(limit / 2)
		// A runaway recursion then fails at a quarter of the ceiling
		// instead of the default 1 GB, sooner and with a clear message.
		debug.SetMaxStack(int(min(limit/4, 1<<30)))
	}
	// A worker's live heap is one document, a few megabytes, so at the
	// default GOGC=100 it collects every few megabytes allocated: 260
	// collections and a quarter of the CPU for the corpus PDFs. At 400 it
	// is 45 collections and a quarter less CPU. The memory limit above
	// still makes it collect harder near the ceiling; GOGC in the
	// environment wins.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(workerGCPercent)
	}
	dec := gob.NewDecoder(bufio.NewReader(in))
	w := bufio.NewWriter(out)
	enc := gob.NewEncoder(w)
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return 0
			}
			fmt.Fprintf(os.Stderr, "isolate worker: reading request: %v\n", err)
			return 1
		}
		doc, err := extract.Bytes(context.Background(), req.Path, req.Data, req.Opts)
		req.Data = nil
		if err := enc.Encode(response{Doc: doc, Err: toWire(err)}); err != nil {
			fmt.Fprintf(os.Stderr, "isolate worker: writing reply: %v\n", err)
			return 1
		}
		if err := w.Flush(); err != nil {
			return 1
		}
	}
}
