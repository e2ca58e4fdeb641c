// Package atomicfile writes a file so that a reader sees the old content or
// the new, never half of either: the bytes go to a hidden temporary file in
// the same folder (so the rename stays on one file system), which is
// synced, given its mode and renamed over the target. On any failure the
// temporary file is removed and the target is untouched.
//
// It is the one place the project does this, for tables, manifests, the
// review page and the decisions file.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tempInfix is in the name of every temporary file, after the dot that
// hides it: ".<base>.tmp-*", so a crashed writer's leftovers are
// recognisable.
const tempInfix = ".tmp-"

// File is a temporary file that becomes path on Commit.
type File struct {
	*os.File
	path     string
	perm     fs.FileMode
	finished bool
	gone     bool // renamed into place, or removed
}

// Create opens a temporary file beside path. The caller writes to it, then
// calls Commit (or Finish and Publish), or Abort.
func Create(path string, perm fs.FileMode) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return nil, err
	}
	return &File{File: f, path: path, perm: perm}, nil
}

// Path is the file's final name.
func (f *File) Path() string { return f.path }

// Finish syncs and closes the temporary file and gives it its mode
// (os.CreateTemp makes 0600 whatever the umask; a table read by a data
// team's loader running as another user must be readable).
func (f *File) Finish() error {
	if f.finished {
		return nil
	}
	f.finished = true
	return errors.Join(f.File.Chmod(f.perm), f.File.Sync(), f.File.Close())
}

// Publish renames the finished temporary file over path.
func (f *File) Publish() error {
	if err := os.Rename(f.File.Name(), f.path); err != nil {
		return err
	}
	f.gone = true
	return nil
}

// Commit finishes the file and renames it into place; on failure the
// temporary file is removed.
func (f *File) Commit() error {
	err := f.Finish()
	if err == nil {
		err = f.Publish()
	}
	if err != nil {
		return errors.Join(err, f.Abort())
	}
	return nil
}

// Abort closes and removes the temporary file; it does nothing once the
// file is published, so `defer f.Abort()` is safe beside Commit.
func (f *File) Abort() error {
	if f.gone {
		return nil
	}
	if !f.finished {
		f.finished = true
		_ = f.File.Close() // being thrown away: only the removal matters
	}
	f.gone = true
	if err := os.Remove(f.File.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove temporary file: %w", err)
	}
	return nil
}

// WriteFile writes data to path atomically with the given mode.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(err, f.Abort())
	}
	return f.Commit()
}

// IsTemp reports whether name (a base name) is one of this package's
// temporary files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempInfix)
}
