package normalize_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/internal/golden"
	"github.com/sendrecon/sendrecon/normalize"
)

// explainFile runs explain on one file, naming it by name so that the
// output does not depend on where the file is.
func explainFile(t *testing.T, path, name string) (normalize.Result, []byte) {
	t.Helper()
	doc, err := extract.File(context.Background(), path, extract.DefaultOptions())
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	res, err := normalize.Run(doc, normalize.Meta{DocID: name, SourcePath: name}, config.Default().Normalize)
	if err != nil {
		t.Fatalf("normalize %s: %v", path, err)
	}
	var buf bytes.Buffer
	if err := normalize.WriteExplain(&buf, res); err != nil {
		t.Fatal(err)
	}
	return res, buf.Bytes()
}

// TestExplainCorpus checks explain's account of three corpus documents of
// three shapes: a strategy page (headings, lists, measure tables), a WSoA
// (findings from a list, action tables) and a board progress report
// (findings quoted under a label, indicator tables).
func TestExplainCorpus(t *testing.T) {
	const shared = "/work/shared/corpus"
	for _, id := range []string{"herts-send-strategy-2024", "middlesbrough-wsoa-2019", "middlesbrough-send-progress-2020"} {
		t.Run(id, func(t *testing.T) {
			path := filepath.Join(shared, id, "source.html")
			if _, err := os.Stat(path); err != nil {
				t.Skip("no corpus at " + shared)
			}
			res, got := explainFile(t, path, id+".html")
			if len(res.Trace) != len(res.Items) {
				t.Fatalf("%d traces for %d items", len(res.Trace), len(res.Items))
			}
			for i, tr := range res.Trace {
				if tr.Rule == "" || tr.BlockKind == "" {
					t.Errorf("item %s %s has no rule or block: %+v", res.Items[i].Kind, res.Items[i].Key, tr)
				}
			}
			golden.Check(t, filepath.Join("testdata", "explain", id+".txt"), got)
		})
	}
}

// TestExplainNoItems: a page with nothing the rules know is partial, with
// an error saying so, and explain lists what was looked for.
func TestExplainNoItems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	page := `<html><head><title>Short breaks</title></head><body>
<h1>Short breaks</h1><p>Short breaks give families a rest.</p>
<h2>Who can use them</h2><p>Families of disabled children:</p><ul><li>aged 0 to 18</li><li>living in the area</li></ul>
<table><tr><th>Service</th><th>Provider</th></tr><tr><td>Saturday club</td><td>A charity</td></tr></table>
</body></html>`
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	res, got := explainFile(t, path, "page.html")
	if len(res.Items) != 0 {
		t.Fatalf("got %d items from a page with none", len(res.Items))
	}
	if res.Document.Status != normalize.StatusPartial || !strings.Contains(res.Document.Error, "no items") {
		t.Errorf("status %q error %q, want partial with an error saying no items", res.Document.Status, res.Document.Error)
	}
	for _, want := range []string{`"Who can use them"`, `"Families of disabled children:"`, `"Service"=`, "normalize.columns"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("explain does not mention %s:\n%s", want, got)
		}
	}
	golden.Check(t, filepath.Join("testdata", "explain", "no-items.txt"), got)
}

// TestExplainShapes reads a page written for this test in shapes no corpus
// document has: instructions under "Areas for improvement", "Area of
// weakness N:" headings with their statement, "Action 1.1:" codes inside
// list items, "Our commitments" and "Next steps" lists under numbered
// priorities, unquoted I statements beside quoted sentences that are not.
func TestExplainShapes(t *testing.T) {
	res, got := explainFile(t, filepath.Join("testdata", "explain", "shapes.html"), "shapes.html")
	keys := map[string]bool{}
	for _, it := range res.Items {
		keys[string(it.Kind)+" "+it.Key] = true
	}
	for _, want := range []string{"finding AFI1", "finding AFI2", "finding W1", "finding W2", "priority 1", "action 1.1", "action 1.2", "priority 2", "action P2.1", "action P2.2", "outcome O1", "outcome O2"} {
		if !keys[want] {
			t.Errorf("no %s; got %v", want, keys)
		}
	}
	// The quoted letter sentences are not I statements.
	if len(res.Items) != 12 {
		t.Errorf("%d items, want 12", len(res.Items))
	}
	golden.Check(t, filepath.Join("testdata", "explain", "shapes.txt"), got)
}
