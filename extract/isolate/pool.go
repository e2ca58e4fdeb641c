package isolate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
)

// ErrWorker is wrapped by the error of a document whose worker died or was
// killed.
var ErrWorker = errors.New("worker process failed")

// Options configure a Pool.
type Options struct {
	// Workers is the most worker processes at once (at least 1).
	Workers int
	// MemoryBytes is each worker's address-space ceiling, 0 for none; its
	// configuration key is named in errors as MemoryKey.
	MemoryBytes int64
	// MemoryKey names MemoryBytes's setting in errors (extract.max_memory_mb).
	MemoryKey string
	// Reuse is how many documents a worker reads before it is replaced, so
	// that one that fragmented its heap does not carry it on (0: 200).
	Reuse int
	// Exe is the binary to run, default the running one.
	Exe string
}

// Pool runs extract.Bytes in worker processes. It is safe for concurrent
// use; Close ends its workers.
type Pool struct {
	opts Options
	idle chan *worker
	slot chan struct{} // one token per worker that may exist
	mu   sync.Mutex
	live map[*worker]bool
	shut bool
}

// New returns a pool; workers start when first needed.
func New(opts Options) *Pool {
	opts.Workers = max(opts.Workers, 1)
	if opts.Reuse <= 0 {
		opts.Reuse = 200
	}
	if opts.MemoryKey == "" {
		opts.MemoryKey = "extract.max_memory_mb"
	}
	return &Pool{
		opts: opts,
		idle: make(chan *worker, opts.Workers),
		slot: make(chan struct{}, opts.Workers),
		live: map[*worker]bool{},
	}
}

// Extract reads one document in a worker. Its results and errors are those
// of extract.Bytes, except when the worker dies (ErrWorker, naming the
// file and, for memory, the limit) or ctx ends first: the worker is then
// killed and ctx's error returned, naming the file.
func (p *Pool) Extract(ctx context.Context, path string, data []byte, opts extract.Options) (*layout.Document, error) {
	w, err := p.acquire(ctx)
	if err != nil {
		return nil, &extract.Error{File: path, Err: err}
	}
	doc, err, ok := w.do(ctx, request{Path: path, Data: data, Opts: opts})
	if !ok {
		p.discard(w)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, &extract.Error{File: path, Err: ctxErr}
		}
		return nil, p.deathError(path, w, err)
	}
	w.used++
	if w.used >= p.opts.Reuse {
		p.discard(w)
	} else {
		p.idle <- w
	}
	return doc, err
}

// Close ends every worker: idle ones are told to stop, busy ones killed.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.shut = true
	ws := make([]*worker, 0, len(p.live))
	for w := range p.live {
		ws = append(ws, w)
	}
	p.mu.Unlock()
	var errs []error
	for _, w := range ws {
		errs = append(errs, w.stop())
	}
	return errors.Join(errs...)
}

func (p *Pool) acquire(ctx context.Context) (*worker, error) {
	for {
		select {
		case w := <-p.idle:
			return w, nil
		default:
		}
		select {
		case w := <-p.idle:
			return w, nil
		case p.slot <- struct{}{}:
			w, err := p.start()
			if err != nil {
				<-p.slot
				return nil, err
			}
			return w, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (p *Pool) start() (*worker, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shut {
		return nil, errors.New("isolate: pool closed")
	}
	exe := p.opts.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("isolate: finding this program to run as a worker: %w", err)
		}
	}
	w, err := startWorker(exe, p.opts.MemoryBytes)
	if err != nil {
		return nil, err
	}
	p.live[w] = true
	return w, nil
}

// discard kills a worker that is not to be used again and frees its slot.
func (p *Pool) discard(w *worker) {
	w.kill()
	p.mu.Lock()
	delete(p.live, w)
	p.mu.Unlock()
	<-p.slot
}

// deathError says why a worker died holding path: the memory ceiling when
// the runtime said it ran out, else what it printed last.
func (p *Pool) deathError(path string, w *worker, err error) error {
	why := w.stderr.reason()
	if why == "" && err != nil {
		why = err.Error()
	}
	if p.opts.MemoryBytes > 0 && outOfMemory(why) {
		return &extract.Error{File: path, Err: fmt.Errorf("%w: exceeds %s (%d MiB): %s",
			ErrWorker, p.opts.MemoryKey, p.opts.MemoryBytes>>20, why)}
	}
	return &extract.Error{File: path, Err: fmt.Errorf("%w: %s", ErrWorker, why)}
}

func outOfMemory(why string) bool {
	for _, s := range []string{"out of memory", "cannot allocate memory", "stack overflow", "stack exceeds"} {
		if strings.Contains(why, s) {
			return true
		}
	}
	return false
}

// worker is one child process.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	in     *bufio.Writer
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *headBuffer
	used   int
	once   sync.Once
	waited chan struct{}
}

func startWorker(exe string, limit int64) (*worker, error) {
	cmd := exec.Command(exe, WorkerArg)
	cmd.Env = append(os.Environ(), envWorker+"="+strconv.FormatInt(limit, 10))
	detach(cmd)
	w := &worker{cmd: cmd, stderr: &headBuffer{max: 8 << 10}, waited: make(chan struct{})}
	cmd.Stderr = w.stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("isolate: starting worker %s: %w", exe, err)
	}
	go func() {
		_ = cmd.Wait() // the exit is read from stderr and the pipe
		close(w.waited)
	}()
	w.stdin = stdin
	w.in = bufio.NewWriter(stdin)
	w.enc = gob.NewEncoder(w.in)
	w.dec = gob.NewDecoder(bufio.NewReader(stdout))
	return w, nil
}

// do sends one request and waits for its reply or ctx. ok is false when
// the worker can no longer be used (it died, or ctx ended and it was
// killed); err is then what the pipe said.
func (w *worker) do(ctx context.Context, req request) (doc *layout.Document, err error, ok bool) {
	w.stderr.reset()
	type reply struct {
		resp response
		err  error
	}
	done := make(chan reply, 1)
	go func() {
		var r reply
		r.err = w.enc.Encode(req)
		if r.err == nil {
			r.err = w.in.Flush()
		}
		if r.err == nil {
			r.err = w.dec.Decode(&r.resp)
		}
		done <- r
	}()
	select {
	case r := <-done:
		if r.err != nil {
			// Wait for the exit so that stderr holds the whole reason.
			w.kill()
			return nil, r.err, false
		}
		if r.resp.Err != nil {
			return nil, r.resp.Err.err(), true
		}
		if r.resp.Doc == nil {
			return nil, errors.New("empty reply"), false
		}
		return r.resp.Doc, nil, true
	case <-ctx.Done():
		w.kill()
		<-done
		return nil, ctx.Err(), false
	}
}

// kill ends the process and waits for it.
func (w *worker) kill() {
	w.once.Do(func() {
		if w.cmd.Process != nil {
			_ = w.cmd.Process.Kill()
		}
	})
	<-w.waited
}

// stop asks an idle worker to end by closing its stdin, then kills it.
func (w *worker) stop() error {
	_ = w.stdin.Close()
	w.kill()
	return nil
}

// headBuffer keeps the first max bytes written since reset: a dying Go
// runtime prints its reason first, then goroutine stacks.
type headBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - h.buf.Len(); room > 0 {
		h.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (h *headBuffer) reset() {
	h.mu.Lock()
	h.buf.Reset()
	h.mu.Unlock()
}

// reason is the line saying why the worker died: a Go fatal error or
// panic, else its first line of output.
func (h *headBuffer) reason() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	lines := strings.Split(h.buf.String(), "\n")
	var found []string
	for _, prefix := range []string{"fatal error:", "runtime:", "panic:"} {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				found = append(found, strings.TrimSpace(l))
				break
			}
		}
	}
	if len(found) > 0 {
		return strings.Join(found, "; ")
	}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}
