package pdflayout

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

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
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".pdf")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("layout of %s differs from %s; run with -update and read the diff", name, golden)
			}
		})
	}
}
