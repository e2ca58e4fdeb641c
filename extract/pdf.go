package extract

import (
	"bytes"
	"context"
	"errors"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/extract/pdflayout"
)

// readPDF hands the bytes to pdflayout, which owns everything about PDFs;
// this side maps our limits onto its options and its errors onto ours.
func readPDF(ctx context.Context, path string, data []byte, opts Options) (*layout.Document, error) {
	doc, err := pdflayout.Extract(ctx, path, bytes.NewReader(data), int64(len(data)),
		pdflayout.Options{
			MaxPages: opts.MaxPages, MaxObjects: opts.MaxObjects,
			MaxContentBytes: opts.MaxStreamBytes, MaxOperators: opts.MaxOperators,
		})
	if err != nil {
		return nil, pdfError(path, err)
	}
	return doc, nil
}

// pdfError turns a pdflayout error into an *Error that keeps its page and
// its sentinel and also wraps the matching sentinel of this package.
func pdfError(path string, err error) error {
	page := 0
	var pe *pdflayout.Error
	if errors.As(err, &pe) {
		page, err = pe.Page, pe.Err
	}
	for _, m := range []struct{ theirs, ours error }{
		{pdflayout.ErrEncrypted, ErrEncrypted},
		{pdflayout.ErrNotPDF, ErrFormat},
		{pdflayout.ErrLimit, ErrTooLarge},
	} {
		if errors.Is(err, m.theirs) {
			err = alsoError{err: err, also: m.ours}
			break
		}
	}
	return &Error{File: path, Page: page, Err: err}
}

// alsoError is err, also matching another sentinel under errors.Is; its
// message is err's alone.
type alsoError struct{ err, also error }

func (e alsoError) Error() string   { return e.err.Error() }
func (e alsoError) Unwrap() []error { return []error{e.err, e.also} }
