package extract

import (
	"errors"
	"fmt"
)

// Sentinels wrapped by the errors of this package; test with errors.Is.
var (
	// ErrEmpty: the file has no bytes, or no text could be read from it.
	ErrEmpty = errors.New("empty document")
	// ErrUnsupported: no reader handles the file's extension.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrFormat: the content is not a valid file of the type its
	// extension claims (a text file named .pdf, binary data named .html, a
	// PDF too damaged to read).
	ErrFormat = errors.New("content does not match file type")
	// ErrEncrypted: the document is encrypted and cannot be read without a
	// password.
	ErrEncrypted = errors.New("encrypted document")
	// ErrNotRegular: the path is a folder, a FIFO or a device, not a file;
	// opening a FIFO named x.pdf would wait for a writer forever.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the input is over one of the limits in Options.
	ErrTooLarge = errors.New("over limit")
	// ErrPanic: a reader panicked; the panic was recovered.
	ErrPanic = errors.New("reader panicked")
)

// Error is an extraction failure and where it happened.
type Error struct {
	File string // the path as given
	Page int    // 1-based page, 0 when the failure is not about one page
	Err  error
}

func (e *Error) Error() string {
	if e.Page > 0 {
		return fmt.Sprintf("extract %s page %d: %v", e.File, e.Page, e.Err)
	}
	return fmt.Sprintf("extract %s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// fileError wraps err with the file's name, keeping an *Error that a reader
// already positioned.
func fileError(path string, err error) error {
	if e, ok := err.(*Error); ok {
		if e.File == "" {
			e.File = path
		}
		return e
	}
	return &Error{File: path, Err: err}
}

// PanicError is a panic recovered from a reader. The stack is kept for a bug
// report but left out of the message, which goes into the documents table.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("%v: %v", ErrPanic, e.Value) }

func (e *PanicError) Unwrap() error { return ErrPanic }
