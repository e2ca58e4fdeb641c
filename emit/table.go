package emit

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"

	"github.com/parquet-go/parquet-go"

	"github.com/sendrecon/sendrecon/internal/atomicfile"
)

// tableFile is the life of one table's file, whatever its row type.
type tableFile interface {
	// finish writes the footer and closes the temporary file.
	finish() error
	// publish renames the temporary file into place; unpublish undoes it.
	publish() error
	unpublish() error
	// discard removes the temporary file, if it is still there.
	discard() error
	count() TableCount
}

// tableWriter streams rows of type T into a temporary file in the output
// folder; only publish makes it <table>.parquet.
type tableWriter[T any] struct {
	name   string
	dir    string // the folder path is in
	part   string // Options.Part
	path   string // the final <dir>/<table>.parquet or <dir>/<table>/<part>.parquet
	tmp    *atomicfile.File
	pw     *parquet.GenericWriter[T]
	check  *checker[T]
	staged [1]T // the row being written, so no row escapes per call
	// offered counts every row given, rejected or not, so errors can say
	// which one; written counts rows in the file.
	offered, written int
	// broken is the first write error: the file is unusable after it.
	broken error
	done   bool
}

func newTableWriter[T any](dir, name, part string, opts ...parquet.WriterOption) (*tableWriter[T], error) {
	check, err := newChecker[T](name)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, name+".parquet")
	if part != "" {
		dir = filepath.Join(dir, name)
		path = filepath.Join(dir, part+".parquet")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fileError(name, dir, err)
		}
	}
	// Hidden and in the same folder, so readers never take it for a table
	// and the rename stays on one file system.
	tmp, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return nil, fileError(name, path, err)
	}
	return &tableWriter[T]{
		name:  name,
		dir:   filepath.Dir(path),
		part:  part,
		path:  path,
		tmp:   tmp,
		pw:    parquet.NewGenericWriter[T](tmp, opts...),
		check: check,
	}, nil
}

// add writes one converted row; bad is the converter's complaint, if any.
func (t *tableWriter[T]) add(row T, bad *columnError) error {
	pos := t.offered
	t.offered++
	if t.done {
		return &Error{Table: t.name, Row: -1, Err: ErrClosed}
	}
	if t.broken != nil {
		return t.broken
	}
	t.staged[0] = row
	// The row shares the caller's slices; parquet-go copies what it keeps.
	defer clear(t.staged[:])
	if bad != nil {
		return t.check.rowError(reflect.ValueOf(&t.staged[0]).Elem(), pos, bad.column, bad.err)
	}
	if err := t.check.check(&t.staged[0], pos); err != nil {
		return err
	}
	if _, err := t.pw.Write(t.staged[:]); err != nil {
		t.broken = fileError(t.name, t.tmp.Name(), err)
		return t.broken
	}
	t.written++
	return nil
}

func (t *tableWriter[T]) finish() error {
	t.done = true
	err := errors.Join(t.broken, t.pw.Close(), t.tmp.Finish())
	return fileError(t.name, t.tmp.Name(), err)
}

// publish renames the table into place. A table is either one file or a
// folder of parts (CONTRACT.md), never both: a whole-table file replaces an
// earlier run's folder of parts, and a part replaces an earlier run's
// whole-table file, so a reader never sees two versions of one table.
func (t *tableWriter[T]) publish() error {
	if t.part == "" {
		if err := removeParts(filepath.Join(t.dir, t.name)); err != nil {
			return fileError(t.name, t.path, err)
		}
	} else if err := removeIfThere(filepath.Join(filepath.Dir(t.dir), t.name+".parquet")); err != nil {
		return fileError(t.name, t.path, err)
	}
	return fileError(t.name, t.path, t.tmp.Publish())
}

// removeParts removes the *.parquet parts in dir, and dir if that empties
// it; a missing dir is fine.
func removeParts(dir string) error {
	parts, err := filepath.Glob(filepath.Join(dir, "*.parquet"))
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := removeIfThere(p); err != nil {
			return err
		}
	}
	if len(parts) > 0 {
		// Left alone when something else is in it.
		_ = os.Remove(dir)
	}
	return nil
}

func (t *tableWriter[T]) unpublish() error {
	return fileError(t.name, t.path, os.Remove(t.path))
}

func (t *tableWriter[T]) discard() error {
	t.done = true
	return fileError(t.name, t.tmp.Name(), t.tmp.Abort())
}

// unusable reports that no more rows can be written.
func (t *tableWriter[T]) unusable() bool { return t.done || t.broken != nil }

func (t *tableWriter[T]) count() TableCount {
	file := t.name + ".parquet"
	if t.part != "" {
		file = t.name + "/" + t.part + ".parquet"
	}
	return TableCount{Name: t.name, File: file, Rows: t.written}
}
