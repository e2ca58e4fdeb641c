package pdflayout

import (
	"context"
	"errors"
	"io"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Options caps what one document may cost.
type Options struct {
	MaxPages int // 0: no limit
}

// Extract reads the PDF in r (size bytes) into a layout document. Path is
// only used in errors and in the returned document.
func Extract(ctx context.Context, path string, r io.ReaderAt, size int64, opts Options) (*layout.Document, error) {
	return nil, errors.New("pdflayout: not implemented yet")
}
