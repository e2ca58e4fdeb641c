package normalize

import "errors"

// Sentinel errors; Document wraps them with the document's id.
var (
	// ErrNoDocument: Document was given a nil layout document.
	ErrNoDocument = errors.New("no layout document")
	// ErrOptions: the options do not validate.
	ErrOptions = errors.New("invalid options")
	// ErrPanic: a rule panicked on this document; the batch goes on.
	ErrPanic = errors.New("internal error")
)
