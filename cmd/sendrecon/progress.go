package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/sendrecon/sendrecon/normalize"
)

// progress reports each finished document on stderr, one line each, unless
// it is off.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	off   bool
	total int
	n     int
	// warnings counts what warn printed.
	warnings int
}

func newProgress(w io.Writer, mode string, total int) *progress {
	return &progress{w: w, off: mode == "off", total: total}
}

func (p *progress) done(d *normalize.Document) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	// A failed document is always reported: it is why the run exits 1.
	if p.off && d.Status != normalize.StatusFailed {
		return
	}
	status := d.Status
	if d.Error != "" {
		status += ": " + d.Error
	}
	fmt.Fprintf(p.w, "[%d/%d] %s: %s\n", p.n, p.total, d.SourcePath, status)
}

// warn is printed even when progress is off: it is about the output.
func (p *progress) warn(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.warnings++
	fmt.Fprintln(p.w, "warning:", msg)
}

func (p *progress) note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.off {
		fmt.Fprintln(p.w, msg)
	}
}
