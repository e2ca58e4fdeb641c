package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/internal/golden"
)

// goldenInputs are the bundled samples of every format plus inputs of our
// own for formats the samples lack.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	var inputs []string
	for _, pattern := range []string{"../testdata/samples/*", "testdata/inputs/*"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, found...)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	return inputs
}

// TestGolden reads each sample and compares its layout, as JSON and as the
// text rendering, with testdata/golden. Run `go test ./extract -update`
// after a deliberate change, and read the diff before committing it.
func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			doc, err := File(context.Background(), in, DefaultOptions())
			if err != nil {
				if format, _ := FormatOf(in); format == layout.FormatPDF && strings.Contains(err.Error(), "not implemented") {
					t.Skipf("PDF reader not there yet: %v", err)
				}
				t.Fatal(err)
			}
			if err := doc.Check(); err != nil {
				t.Errorf("invariant: %v", err)
			}
			js, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			var text bytes.Buffer
			if err := layout.WriteText(&text, doc); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", name+".json"), append(js, '\n'))
			checkGolden(t, filepath.Join("testdata", "golden", name+".txt"), text.Bytes())
		})
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got)
}
