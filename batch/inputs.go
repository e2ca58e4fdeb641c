package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sendrecon/sendrecon/extract"
)

// Input is one document to process: a path as the user gave it (or as found
// under a folder the user gave), or a path that could not be read at all.
type Input struct {
	Path string
	// Err is set when the path cannot be a document (missing, unreadable):
	// it still becomes a failed documents row, so nothing is lost silently.
	Err error
}

// Expand turns the command line's files, folders and globs into the
// documents to process, in a stable order: each argument in turn, folders
// walked in lexical order, duplicates dropped. A named file is taken whatever
// its ending (the extractor will say if it cannot read it); a folder
// contributes only files with a supported ending.
func Expand(args []string) []Input {
	var out []Input
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
				add(Input{Path: arg, Err: fmt.Errorf("bad pattern %q: %w", arg, err)})
				continue
			}
			if len(matches) == 0 {
				add(Input{Path: arg, Err: fmt.Errorf("%s: no file matches", arg)})
				continue
			}
			paths = matches
		}
		for _, p := range paths {
			info, err := os.Stat(p)
			switch {
			case err != nil:
				add(Input{Path: p, Err: err})
			case info.IsDir():
				for _, in := range walk(p) {
					add(in)
				}
			default:
				add(Input{Path: p})
			}
		}
	}
	return out
}

func hasMeta(path string) bool { return strings.ContainsAny(path, `*?[`) }

// walk lists the supported files under dir; a subfolder that cannot be read
// becomes an Input carrying the error rather than vanishing.
func walk(dir string) []Input {
	var out []Input
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
			return nil
		}
		if d.Type().IsRegular() && extract.Supported(p) {
			out = append(out, Input{Path: p})
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		out = append(out, Input{Path: dir, Err: err})
	}
	return out
}
