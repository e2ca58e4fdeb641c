package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/sendrecon/sendrecon/normalize"
)

// progress reports a batch on stderr. In "bar" mode it redraws one line (a
// bar, documents and pages per second, time left) at most every barEvery;
// in "lines" mode it prints a plain line every linesEvery, for logs; "off"
// prints nothing of progress. Failed documents and warnings are printed in
// every mode: they are why a run exits 1 or why its output needs a look.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	mode  string // bar, lines or off
	now   func() time.Time
	total int
	n     int
	pages int
	// carried counts documents taken from the earlier run.
	carried  int
	start    time.Time
	last     time.Time // of the last bar or line
	drawn    bool      // a bar is on screen, to be cleared before a message
	finished bool
	// warnings counts what warn printed.
	warnings int
	// phases holds each phase's count (batch.PhaseSink), in the order
	// first heard.
	phases []phaseCount
}

type phaseCount struct {
	name        string
	done, total int
}

// phaseUnits says what each phase counts.
var phaseUnits = map[string]string{"link": "local areas"}

// Phase records a phase's count; progress is a batch.PhaseSink. The link
// and write phases come after the last document, when the bar would
// otherwise sit at 100% saying nothing.
func (p *progress) Phase(name string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	i := slices.IndexFunc(p.phases, func(c phaseCount) bool { return c.name == name })
	if i < 0 {
		p.phases = append(p.phases, phaseCount{name: name})
		i = len(p.phases) - 1
	}
	if done < p.phases[i].done && p.phases[i].total == total {
		return // workers finish out of order: never count back
	}
	p.phases[i].done, p.phases[i].total = done, total
	now := p.now()
	complete := done == total
	switch {
	case p.mode == "bar" && (now.Sub(p.last) >= barEvery || complete && name != "extract" && name != "normalize"):
		p.last = now
		p.bar(now)
	case p.mode == "lines" && (now.Sub(p.last) >= linesEvery || complete && (name == "link" || name == "write")):
		p.last = now
		fmt.Fprintln(p.w, p.status(now))
	}
}

// phasesText is "extract 50/50, normalize 50/50, link 3/5 local areas".
func (p *progress) phasesText() string {
	var parts []string
	for _, c := range p.phases {
		t := fmt.Sprintf("%s %d/%d", c.name, c.done, c.total)
		if u := phaseUnits[c.name]; u != "" {
			t += " " + u
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, ", ")
}

const (
	barEvery   = 100 * time.Millisecond
	linesEvery = 5 * time.Second
)

// progressMode turns run.progress into bar, lines or off: auto is a bar on a
// terminal and lines otherwise. isTerm nil asks the OS.
func progressMode(mode string, w io.Writer, isTerm func(io.Writer) bool) string {
	if mode != "auto" {
		return mode
	}
	if isTerm == nil {
		isTerm = func(w io.Writer) bool {
			f, ok := w.(*os.File)
			return ok && term.IsTerminal(int(f.Fd()))
		}
	}
	if isTerm(w) {
		return "bar"
	}
	return "lines"
}

func newProgress(w io.Writer, mode string, now func() time.Time) *progress {
	t := now()
	return &progress{w: w, mode: mode, now: now, start: t, last: t}
}

// Start sets the number of documents to expect; progress is a batch.Sink.
func (p *progress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = total
	p.start, p.last = p.now(), p.now()
}

// Done counts one finished document.
func (p *progress) Done(d *normalize.Document, carried bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	p.pages += d.PageCount
	if carried {
		p.carried++
	}
	if d.Status == normalize.StatusFailed {
		p.clear()
		fmt.Fprintf(p.w, "[%d/%d] %s: %s: %s\n", p.n, p.total, d.SourcePath, d.Status, d.Error)
	}
	now := p.now()
	switch {
	case p.mode == "bar" && (now.Sub(p.last) >= barEvery || p.n == p.total):
		p.last = now
		p.bar(now)
	case p.mode == "lines" && (now.Sub(p.last) >= linesEvery || p.n == p.total):
		p.last = now
		fmt.Fprintln(p.w, p.status(now))
	}
}

// status is the progress in words: "120/400 documents (30%), 2,400 pages,
// 12.0 documents/s, 240 pages/s, 23s left".
func (p *progress) status(now time.Time) string {
	el := now.Sub(p.start).Seconds()
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d documents", p.n, p.total)
	if p.total > 0 {
		fmt.Fprintf(&b, " (%d%%)", 100*p.n/p.total)
	}
	fmt.Fprintf(&b, ", %d pages", p.pages)
	if p.carried > 0 {
		fmt.Fprintf(&b, ", %d unchanged", p.carried)
	}
	if el > 0 {
		fmt.Fprintf(&b, ", %.1f documents/s, %.0f pages/s", float64(p.n)/el, float64(p.pages)/el)
		if p.n > 0 && p.n < p.total {
			left := time.Duration(el / float64(p.n) * float64(p.total-p.n) * float64(time.Second))
			fmt.Fprintf(&b, ", %s left", left.Round(time.Second))
		}
	}
	if len(p.phases) > 0 {
		fmt.Fprintf(&b, "; %s", p.phasesText())
	}
	return b.String()
}

func (p *progress) bar(now time.Time) {
	const width = 24
	fill := width
	if p.total > 0 {
		fill = width * p.n / p.total
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), p.status(now))
	p.drawn = true
}

// clear takes the bar off the line so a message can be printed.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// finish ends the bar's line; it is safe to call more than once.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.finished = true
	if p.mode == "bar" && p.drawn {
		p.bar(p.now())
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// Warn is printed even when progress is off: it is about the output.
func (p *progress) Warn(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.warnings++
	fmt.Fprintln(p.w, "warning:", msg)
}

func (p *progress) Note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.mode != "off" {
		p.clear()
		fmt.Fprintln(p.w, msg)
	}
}
