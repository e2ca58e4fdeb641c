package reconcile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/gofrs/flock"

	"github.com/sendrecon/sendrecon/internal/atomicfile"
	"github.com/sendrecon/sendrecon/normalize"
)

// The reviewer actions a decision records.
const (
	DecisionAccept = "accept"
	DecisionReject = "reject"
	DecisionAdd    = "add"
)

// Decision is one reviewer's verdict on a link, one line of the decisions
// file (JSON Lines: diff-friendly, one decision a line, appended in time
// order; a later line about the same link wins).
type Decision struct {
	LinkID   string    `json:"link_id"`
	Action   string    `json:"action"`
	Src      string    `json:"src"`
	Dst      string    `json:"dst"`
	Relation string    `json:"relation"`
	Note     string    `json:"note,omitempty"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// Bounds on what a decision may hold, so that every line written can be
// read back: the reader takes lines up to maxReadLine, well above the
// longest line the writer can produce (maxWriteLine, which JSON's escaping
// of a bounded note and bounded names stays under).
const (
	// MaxNoteBytes bounds a reviewer's note.
	MaxNoteBytes = 16 << 10
	// MaxNameBytes bounds each of link_id, src, dst, relation and by.
	MaxNameBytes = 1 << 10
	maxWriteLine = 6*(MaxNoteBytes+5*MaxNameBytes) + 1<<10
	maxReadLine  = 4 * maxWriteLine
)

// checkBounds refuses a decision too large to be written, naming the bound.
func (d Decision) checkBounds() error {
	if len(d.Note) > MaxNoteBytes {
		return fmt.Errorf("note of %d bytes is over the %d-byte limit for notes (reconcile.MaxNoteBytes)", len(d.Note), MaxNoteBytes)
	}
	for _, f := range []struct{ name, v string }{{"link_id", d.LinkID}, {"src", d.Src}, {"dst", d.Dst}, {"relation", d.Relation}, {"by", d.By}} {
		if len(f.v) > MaxNameBytes {
			return fmt.Errorf("%s of %d bytes is over the %d-byte limit for names (reconcile.MaxNameBytes)", f.name, len(f.v), MaxNameBytes)
		}
	}
	return nil
}

func (d Decision) check() error {
	if !slices.Contains([]string{DecisionAccept, DecisionReject, DecisionAdd}, d.Action) {
		return fmt.Errorf("action %q is not accept, reject or add", d.Action)
	}
	if d.LinkID == "" {
		return errors.New("no link_id")
	}
	if d.Src != "" || d.Dst != "" || d.Relation != "" {
		if want := LinkID(d.Src, d.Dst, d.Relation); want != d.LinkID {
			return fmt.Errorf("link_id %s does not match src, dst and relation (%s)", d.LinkID, want)
		}
	}
	if d.Action == DecisionAdd && (d.Src == "" || d.Dst == "" || d.Relation == "") {
		return errors.New("add needs src, dst and relation")
	}
	return nil
}

// ReadDecisions reads a decisions file; a missing file has none. A bad line
// is an error naming the file and line, and nothing is dropped.
func ReadDecisions(path string) ([]Decision, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	return parseDecisions(path, b)
}

func parseDecisions(path string, b []byte) ([]Decision, error) {
	var out []Decision
	var errs []error
	n := 0
	for line := range bytes.Lines(b) {
		n++
		if len(line) > maxReadLine {
			errs = append(errs, fmt.Errorf("decisions %s line %d: %d bytes, longer than any decision (limit %d)", path, n, len(line), maxReadLine))
			continue
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var d Decision
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		err := dec.Decode(&d)
		if err == nil {
			err = d.check()
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("decisions %s line %d: %w", path, n, err))
			continue
		}
		out = append(out, d)
	}
	return out, errors.Join(errs...)
}

// AppendDecisions adds decisions to the file at path. The file is locked
// against other writers, read whole (refusing to touch a file with a bad
// line, so nothing in it is lost), and replaced atomically.
func AppendDecisions(path string, ds ...Decision) error {
	for _, d := range ds {
		if err := errors.Join(d.check(), d.checkBounds()); err != nil {
			return fmt.Errorf("decision on %.80s: %w", d.LinkID, err)
		}
	}
	// A symlinked decisions file (kept in a repository, say) is written
	// where it points, keeping the link and the file's mode.
	path, mode, err := target(path)
	if err != nil {
		return err
	}
	unlock, err := lock(path)
	if err != nil {
		return err
	}
	defer unlock()
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("decisions: %w", err)
	}
	if _, err := parseDecisions(path, old); err != nil {
		return fmt.Errorf("%w (fix the file first; nothing was written)", err)
	}
	buf := bytes.NewBuffer(old)
	if len(old) > 0 && old[len(old)-1] != '\n' {
		buf.WriteByte('\n')
	}
	for _, d := range ds {
		line, err := json.Marshal(d)
		if err != nil {
			return err
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	if err := atomicfile.WriteFile(path, buf.Bytes(), mode); err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	return nil
}

// target is the file a write to path should replace (path, or where its
// symbolic links lead) and the mode to give it (its own, 0644 for a new
// file).
func target(path string) (string, fs.FileMode, error) {
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		if dest, lerr := os.Readlink(path); lerr == nil {
			// A link to a file not created yet: create it there.
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(filepath.Dir(path), dest)
			}
			return dest, 0o644, nil
		}
		return path, 0o644, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("decisions: %w", err)
	}
	st, err := os.Stat(real)
	if err != nil {
		return "", 0, fmt.Errorf("decisions: %w", err)
	}
	return real, st.Mode().Perm(), nil
}

// lock takes an exclusive lock on path+".lock", for writers in other
// processes (two reviewers' clicks, a CLI and the review page). flock(2) on
// Unix, LockFileEx on Windows: the lock goes with the process, so a crashed
// writer never leaves the file locked.
func lock(path string) (func(), error) {
	l := flock.New(path+".lock", flock.SetPermissions(0o644))
	if err := l.Lock(); err != nil {
		return nil, fmt.Errorf("decisions: lock %s: %w", l.Path(), err)
	}
	return func() { _ = l.Unlock() }, nil
}

// onEdition moves a decision naming items of a copy onto the items of its
// edition's representative, where links are proposed: a reviewer's word on
// a link holds for every copy of the two documents.
func onEdition(d Decision, alias map[string]string) Decision {
	src, dst := d.Src, d.Dst
	if a, ok := alias[src]; ok {
		src = a
	}
	if a, ok := alias[dst]; ok {
		dst = a
	}
	if src != d.Src || dst != d.Dst {
		d.Src, d.Dst, d.LinkID = src, dst, LinkID(src, dst, d.Relation)
	}
	return d
}

// apply re-applies decisions to the proposed links: the last decision on a
// link wins. A decision on a link the pipeline did not propose this time
// still holds while both its items exist (an accepted link stays, a rejected
// one stays rejected); one whose items are gone is an orphan.
func apply(links []Link, ds []Decision, items map[string]*normalize.Item, alias map[string]string) ([]Link, []Decision) {
	last := map[string]Decision{}
	var order []string
	for _, d := range ds {
		d = onEdition(d, alias)
		if _, ok := last[d.LinkID]; !ok {
			order = append(order, d.LinkID)
		}
		last[d.LinkID] = d
	}
	index := map[string]int{}
	for i, l := range links {
		index[l.ID] = i
	}
	var orphans []Decision
	for _, id := range order {
		d := last[id]
		review := ReviewAccepted
		if d.Action == DecisionReject {
			review = ReviewRejected
		}
		if i, ok := index[id]; ok {
			links[i].Review = review
			continue
		}
		if items[d.Src] == nil || items[d.Dst] == nil {
			orphans = append(orphans, d)
			continue
		}
		evidence := "added by " + d.By
		if d.Note != "" {
			evidence += ": " + d.Note
		}
		links = append(links, Link{
			ID: id, Src: d.Src, Dst: d.Dst, Relation: d.Relation, Score: 1,
			Method: "review", Evidence: evidence, Review: review,
		})
		index[id] = len(links) - 1
	}
	return links, orphans
}
