package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
)

// errLimit is wrapped by the error of a document over one of the extract
// limits; the message names the key.
var errLimit = errors.New("over a limit")

// limitError names the configuration key a document went over.
type limitError struct {
	Path  string
	Key   string // extract.max_seconds
	Limit string // 60s
	Err   error  // what the reader said, if anything
}

func (e *limitError) Error() string {
	msg := fmt.Sprintf("%s: exceeds %s (%s)", e.Path, e.Key, e.Limit)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *limitError) Unwrap() []error { return []error{errLimit, e.Err} }

func (b *Batch) overTime(path string) error {
	return &limitError{Path: path, Key: "extract.max_seconds", Limit: fmt.Sprintf("%ds", b.Config.Extract.MaxSeconds)}
}

// limitError names the limit behind an extract error over one, and leaves
// any other error as it is.
func (b *Batch) limitError(path string, err error) error {
	if !errors.Is(err, extract.ErrTooLarge) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "content streams over"):
		return &limitError{Path: path, Key: "extract.max_stream_bytes", Limit: fmt.Sprintf("%d bytes", b.Config.Extract.MaxStreamBytes), Err: err}
	case strings.Contains(msg, "operators"):
		return &limitError{Path: path, Key: "extract.max_operators", Limit: fmt.Sprint(b.Config.Extract.MaxOperators), Err: err}
	case strings.Contains(msg, "cross-reference"):
		return &limitError{Path: path, Key: "extract.max_objects", Limit: fmt.Sprint(b.Config.Extract.MaxObjects), Err: err}
	case strings.Contains(msg, "bytes"):
		return &limitError{Path: path, Key: "extract.max_bytes", Limit: fmt.Sprintf("%d bytes", b.Config.Extract.MaxBytes), Err: err}
	}
	return err
}

// pageLimit fails a document that had more pages than extract.max_pages:
// the reader stops there and reports the rest as not read.
func (b *Batch) pageLimit(path string, ld *layout.Document) error {
	for _, e := range ld.PageErrors {
		if strings.Contains(e.Err, "pages after") {
			return &limitError{Path: path, Key: "extract.max_pages", Limit: fmt.Sprint(b.Config.Extract.MaxPages)}
		}
	}
	return nil
}

// documentDigest identifies what a document's rows depend on besides its
// bytes: the program and the extract and normalize settings. The run,
// reconcile and other settings change only batch-wide tables, which every
// run recomputes.
func documentDigest(cfg *config.Config, version string) string {
	s := cfg.Settings()
	b, err := json.Marshal(map[string]any{
		"version": version, "extract": s["extract"], "normalize": s["normalize"],
	})
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
