package emit

import (
	"errors"
	"fmt"
	"strings"
)

// The reasons a row or a table is refused. Test with errors.Is.
var (
	// ErrEmpty: a REQUIRED string column would be empty.
	ErrEmpty = errors.New("required value is empty")
	// ErrNotAllowed: a value outside its column's closed set.
	ErrNotAllowed = errors.New("value not allowed")
	// ErrOutOfRange: a number the column cannot hold or that makes no sense.
	ErrOutOfRange = errors.New("value out of range")
	// ErrClosed: the writer was already closed or aborted.
	ErrClosed = errors.New("writer is closed")
)

// Error is a failure to write a table, or one row of it.
type Error struct {
	Table string // e.g. "items"; empty for the output folder or manifest
	Path  string // the file or folder, when the failure is the file's
	// Row is the 0-based position of a rejected row among the rows offered
	// to its table, -1 when the failure is not about a row.
	Row    int
	ID     string // the rejected row's id column, when it has one
	Column string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("emit")
	if e.Table != "" {
		b.WriteString(" " + e.Table)
	}
	if e.Path != "" {
		b.WriteString(" " + e.Path)
	}
	if e.Row >= 0 {
		fmt.Fprintf(&b, " row %d", e.Row)
	}
	if e.ID != "" {
		b.WriteString(" (" + e.ID + ")")
	}
	if e.Column != "" {
		b.WriteString(" column " + e.Column)
	}
	return b.String() + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func fileError(table, path string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Table: table, Path: path, Row: -1, Err: err}
}

// Refused splits what the Add methods return into the rows the writer
// refused (an *Error about one row: an empty required value, a value
// outside its column's choices), which a batch can report and go on
// without, and the rest (a failed write), which it cannot.
func Refused(err error) (rows []*Error, rest error) {
	var others []error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if e, ok := err.(*Error); ok && e.Row >= 0 {
			rows = append(rows, e)
			return
		}
		others = append(others, err)
	}
	if err != nil {
		walk(err)
	}
	return rows, errors.Join(others...)
}
