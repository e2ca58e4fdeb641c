package pdflayout

import (
	"errors"
	"fmt"
)

// Sentinels callers can test with errors.Is.
var (
	// ErrEncrypted: the PDF is encrypted and cannot be read without a password.
	ErrEncrypted = errors.New("pdflayout: encrypted PDF")
	// ErrNotPDF: the input is not a PDF, or is too damaged to find its objects.
	ErrNotPDF = errors.New("pdflayout: not a readable PDF")
	// ErrLimit: the input asks for more work than Options allows.
	ErrLimit = errors.New("pdflayout: resource limit exceeded")
)

// Error is a failure tied to a place in the document; Page is 0 for
// document-level failures.
type Error struct {
	Path string
	Page int
	Err  error
}

func (e *Error) Error() string {
	if e.Page > 0 {
		return fmt.Sprintf("pdflayout %s page %d: %v", e.Path, e.Page, e.Err)
	}
	return fmt.Sprintf("pdflayout %s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// panicError turns a recovered panic value into an error. The pdf library
// reports malformed input by panicking with errors or strings.
func panicError(x any) error {
	if err, ok := x.(error); ok {
		return fmt.Errorf("malformed PDF: %w", err)
	}
	return fmt.Errorf("malformed PDF: %v", x)
}
