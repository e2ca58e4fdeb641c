package batch

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
)

// spill is an append-only file of gob records in a temporary folder: what
// a batch must see again at its end (each document's items, for the
// reconcile pass) waits there instead of in memory. Put is for one
// goroutine at a time; get may be called from several at once, after a
// flush.
type spill struct {
	f   *os.File
	w   *bufio.Writer
	off int64
	buf bytes.Buffer
}

// span is where one record is in a spill.
type span struct{ off, n int64 }

func newSpill(dir, name string) (*spill, error) {
	f, err := os.CreateTemp(dir, name+"-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

// put appends v and returns where it is.
func (s *spill) put(v any) (span, error) {
	s.buf.Reset()
	// A fresh encoder per record makes each one readable on its own.
	if err := gob.NewEncoder(&s.buf).Encode(v); err != nil {
		return span{}, fmt.Errorf("spill %s: %w", s.f.Name(), err)
	}
	sp := span{s.off, int64(s.buf.Len())}
	if _, err := s.w.Write(s.buf.Bytes()); err != nil {
		return span{}, fmt.Errorf("spill %s: %w", s.f.Name(), err)
	}
	s.off += sp.n
	if s.buf.Cap() > 4<<20 {
		s.buf = bytes.Buffer{} // one huge document does not pin its buffer
	}
	return sp, nil
}

// flush makes every record put so far readable by get.
func (s *spill) flush() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("spill %s: %w", s.f.Name(), err)
	}
	return nil
}

// get decodes the record at sp into v.
func (s *spill) get(sp span, v any) error {
	b := make([]byte, sp.n)
	if _, err := s.f.ReadAt(b, sp.off); err != nil {
		return fmt.Errorf("spill %s: %w", s.f.Name(), err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("spill %s: %w", s.f.Name(), err)
	}
	return nil
}

// close removes the file; a second close does nothing.
func (s *spill) close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := errors.Join(s.f.Close(), os.Remove(s.f.Name()))
	s.f = nil
	return err
}
