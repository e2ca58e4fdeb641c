package pdflayout

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/internal/golden"
)

// TestGolden compares the layout of each real PDF in testdata (one tagged
// and one untagged rendering of the same documents) with its golden JSON.
// After a deliberate change run `go test ./extract/pdflayout -update` and
// read the diff before committing it.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.pdf")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range inputs {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			doc := extractFile(t, in)
			doc.Path = name // keep the golden file free of the checkout's path
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			goldenFile := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".pdf")+".json")
			golden.Check(t, goldenFile, got)
		})
	}
}
