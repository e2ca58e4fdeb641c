package isolate

import (
	"context"
	"errors"

	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
)

// request is one document for a worker.
type request struct {
	Path string
	Data []byte
	Opts extract.Options
}

// response is what the worker read: a document, or an error flattened to
// what survives the pipe.
type response struct {
	Doc *layout.Document
	Err *wireError
}

// wireError carries an extract error across the pipe: its message, its
// position, and which of extract's sentinels it matched, so the parent's
// errors.Is and messages are those of an in-process read.
type wireError struct {
	// File and Page are set when the worker's error was an *extract.Error;
	// Msg is then its inner error's message, else the whole message.
	File      string
	Page      int
	Msg       string
	Sentinels []int // indexes into sentinels
}

// sentinels are the errors a wireError can still match after the trip.
var sentinels = []error{
	extract.ErrEmpty, extract.ErrUnsupported, extract.ErrFormat, extract.ErrEncrypted,
	extract.ErrNotRegular, extract.ErrTooLarge, extract.ErrPanic,
	context.Canceled, context.DeadlineExceeded,
}

func toWire(err error) *wireError {
	if err == nil {
		return nil
	}
	w := &wireError{Msg: err.Error()}
	var ee *extract.Error
	if errors.As(err, &ee) && ee.Err != nil {
		w.File, w.Page, w.Msg = ee.File, ee.Page, ee.Err.Error()
	}
	for i, s := range sentinels {
		if errors.Is(err, s) {
			w.Sentinels = append(w.Sentinels, i)
		}
	}
	return w
}

func (w *wireError) err() error {
	inner := &remoteError{msg: w.Msg}
	for _, i := range w.Sentinels {
		if i >= 0 && i < len(sentinels) {
			inner.is = append(inner.is, sentinels[i])
		}
	}
	if w.File == "" {
		return inner
	}
	return &extract.Error{File: w.File, Page: w.Page, Err: inner}
}

// remoteError is an error a worker reported: its message, matching the
// sentinels the original matched.
type remoteError struct {
	msg string
	is  []error
}

func (e *remoteError) Error() string   { return e.msg }
func (e *remoteError) Unwrap() []error { return e.is }
