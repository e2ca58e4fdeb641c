package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/sendrecon/sendrecon/extract"
)

// Input is one document to process: a path as the user gave it (or as found
// under a folder the user gave), or a path that could not be read at all.
type Input struct {
	Path string
	// Err is set when the path cannot be a document (missing, unreadable):
	// it still becomes a failed documents row, so nothing is lost silently.
	Err error
	// distinct names the document by its path rather than its bytes: a
	// copy of an earlier input's bytes read as another format.
	distinct bool
}

// Expand turns the command line's files, folders and globs into the
// documents to process, in a stable order: each argument in turn, folders
// walked in lexical order, duplicates dropped. A named file is taken whatever
// its ending (the extractor will say if it cannot read it); a folder
// contributes only files with a supported ending.
//
// The arguments are checked before anything is processed: a path that does
// not exist (a typing slip), a glob that matches nothing and a folder
// without a supported file are an error naming each of them, so a run
// never replaces a good output with one failed row. A file that exists but
// cannot be read, a dangling symbolic link named on its own, or a folder
// below one given that cannot be listed, is an input carrying its error: it
// becomes a failed documents row.
func Expand(args []string) ([]Input, error) {
	var out []Input
	var errs []error
	seen := map[string]bool{}
	add := func(in Input) {
		key := filepath.Clean(in.Path)
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, in)
	}
	for _, arg := range args {
		paths := []string{arg}
		if hasMeta(arg) {
			matches, err := filepath.Glob(arg)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: bad pattern: %w", arg, err))
				continue
			}
			if len(matches) == 0 {
				errs = append(errs, fmt.Errorf("%s: no file matches", arg))
				continue
			}
			paths = matches
		}
		for _, p := range paths {
			info, err := os.Stat(p)
			switch {
			case err != nil:
				if _, lerr := os.Lstat(p); lerr != nil && errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, fmt.Errorf("%s: no such file or folder", p))
					continue
				}
				add(Input{Path: p, Err: err})
			case info.IsDir():
				found := walk(p)
				if len(found) == 0 {
					errs = append(errs, fmt.Errorf("%s: no document in this folder that sendrecon reads (.pdf .html .htm .txt .md)", p))
				}
				for _, in := range found {
					add(in)
				}
			default:
				add(Input{Path: p})
			}
		}
	}
	if len(errs) > 0 {
		return nil, &UsageError{Err: errors.Join(errs...)}
	}
	return out, nil
}

func hasMeta(path string) bool { return strings.ContainsAny(path, `*?[`) }

// walk lists the supported files under dir; a subfolder that cannot be read
// becomes an Input carrying the error rather than vanishing. Symbolic links
// are followed, a link back into a folder already walked (a loop) becoming
// an Input with that error; a FIFO or device with a supported ending is
// listed too, and fails as not a regular file, so that it has its row.
func walk(dir string) []Input {
	var out []Input
	visited := map[string]string{} // a folder's real path -> the path it was walked as
	var walkDir func(dir string)
	walkDir = func(dir string) {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Input{Path: p, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != dir && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				if real, err := filepath.EvalSymlinks(p); err == nil {
					if first, ok := visited[real]; ok {
						p = filepath.Clean(p)
						out = append(out, Input{Path: p, Err: fmt.Errorf("%s: symbolic link loop: the folder %s again", p, first)})
						return fs.SkipDir
					}
					visited[real] = filepath.Clean(p)
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				info, err := os.Stat(p)
				switch {
				case err != nil:
					if extract.Supported(p) || errors.Is(err, syscall.ELOOP) {
						out = append(out, Input{Path: p, Err: err})
					}
				case info.IsDir():
					if !strings.HasPrefix(d.Name(), ".") {
						// The separator makes WalkDir follow the link.
						walkDir(p + string(filepath.Separator))
					}
				case extract.Supported(p):
					out = append(out, Input{Path: p})
				}
				return nil
			}
			if extract.Supported(p) {
				out = append(out, Input{Path: p})
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.SkipDir) {
			out = append(out, Input{Path: dir, Err: err})
		}
	}
	walkDir(dir)
	return out
}

// UsageError is a command line that cannot be run as given: nothing was
// read and nothing written.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() + "\nnothing was written" }

func (e *UsageError) Unwrap() error { return e.Err }
