package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Options caps what one untrusted document may cost. A zero field means no
// limit; DefaultOptions gives the limits a batch should run with.
type Options struct {
	// MaxBytes refuses larger files before reading them.
	MaxBytes int64
	// MaxPages stops a paged reader after this many pages.
	MaxPages int
	// MaxTableArea refuses a table whose cells, spans included, cover more
	// grid positions than this: a few bytes of rowspan and colspan can
	// otherwise ask for a grid of billions.
	MaxTableArea int
	// MaxObjects refuses a PDF whose cross-reference table declares more
	// objects than this.
	MaxObjects int
	// MaxStreamBytes caps the decoded bytes of one PDF page's content
	// streams, checked while decoding (0: the reader's default).
	MaxStreamBytes int64
	// MaxOperators caps the content-stream operators run on one PDF page
	// (0: the reader's default).
	MaxOperators int
}

// DefaultOptions are generous for council documents (the largest strategy
// PDFs are tens of megabytes and a few hundred pages) and small enough that
// a batch of hostile files cannot exhaust memory.
func DefaultOptions() Options {
	return Options{
		MaxBytes:     256 << 20,
		MaxPages:     2000,
		MaxTableArea: 1 << 20,
	}
}

// readFunc reads one format. It returns plain errors; File and Bytes add
// the file's name.
type readFunc func(ctx context.Context, path string, data []byte, opts Options) (*layout.Document, error)

type reader struct {
	format layout.Format
	read   readFunc
}

// readers maps a lower-case extension to its reader.
var readers = map[string]reader{
	".pdf":      {layout.FormatPDF, readPDF},
	".html":     {layout.FormatHTML, readHTML},
	".htm":      {layout.FormatHTML, readHTML},
	".txt":      {layout.FormatText, readPlainText},
	".text":     {layout.FormatText, readPlainText},
	".md":       {layout.FormatText, readMarkdown},
	".markdown": {layout.FormatText, readMarkdown},
}

// Extensions returns the file extensions File reads, sorted, with their dot.
func Extensions() []string {
	out := make([]string, 0, len(readers))
	for ext := range readers {
		out = append(out, ext)
	}
	slices.Sort(out)
	return out
}

// Supported reports whether File has a reader for path's extension; the CLI
// uses it to pick documents out of a walked folder.
func Supported(path string) bool {
	_, ok := FormatOf(path)
	return ok
}

// FormatOf returns the format File would read path as.
func FormatOf(path string) (layout.Format, bool) {
	r, ok := readers[strings.ToLower(filepath.Ext(path))]
	return r.format, ok
}

// File reads the document at path.
func File(ctx context.Context, path string, opts Options) (*layout.Document, error) {
	if _, ok := FormatOf(path); !ok {
		return nil, unsupported(path)
	}
	data, err := ReadFile(path, opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	return Bytes(ctx, path, data, opts)
}

// Bytes reads a document whose bytes the caller already holds (to hash
// them, say); path chooses the reader and names the document in errors.
func Bytes(ctx context.Context, path string, data []byte, opts Options) (doc *layout.Document, err error) {
	r, ok := readers[strings.ToLower(filepath.Ext(path))]
	if !ok {
		return nil, unsupported(path)
	}
	if opts.MaxBytes > 0 && int64(len(data)) > opts.MaxBytes {
		return nil, fileError(path, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), opts.MaxBytes))
	}
	if err := sniff(r.format, data); err != nil {
		return nil, fileError(path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fileError(path, err)
	}
	defer func() {
		if p := recover(); p != nil {
			doc = nil
			err = &Error{File: path, Err: &PanicError{Value: p, Stack: debug.Stack()}}
		}
	}()
	doc, err = r.read(ctx, path, data, opts)
	if err != nil {
		return nil, fileError(path, err)
	}
	doc.Path = path
	if doc.Format == "" {
		doc.Format = r.format
	}
	cleanControls(doc)
	if len(doc.Blocks) == 0 {
		return nil, fileError(path, noText(doc.PageErrors))
	}
	return doc, nil
}

func unsupported(path string) error {
	return &Error{File: path, Err: fmt.Errorf("%w %q (want one of %s)",
		ErrUnsupported, filepath.Ext(path), strings.Join(Extensions(), " "))}
}

// ReadFile reads the document at path whole, for a caller that needs its
// bytes too (to hash them) before handing them to Bytes. It refuses what is
// not a regular file (ErrNotRegular) and a file over limit bytes (limit 0:
// no limit) without reading it all. Its errors are *Error naming the file.
func ReadFile(path string, limit int64) ([]byte, error) {
	data, err := readFile(path, limit)
	if err != nil {
		return nil, fileError(path, err)
	}
	return data, nil
}

func readFile(path string, limit int64) ([]byte, error) {
	// Stat before Open, because opening a FIFO blocks; a path Stat cannot
	// see gets its error from Open.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, st.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	var r io.Reader = f
	if limit > 0 {
		if st, err := f.Stat(); err == nil && st.Size() > limit {
			return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, st.Size(), limit)
		}
		// The file may grow between Stat and Read.
		r = io.LimitReader(f, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// unwrapPath drops the path an *fs.PathError repeats, since *Error already
// names the file; errors.Is(err, fs.ErrNotExist) still holds.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
