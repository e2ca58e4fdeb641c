package extract

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		`<table><tbody><tr><td rowspan="3">A</td><td>B</td></tr></tbody><tbody><tr><td>C</td><td rowspan="0">D</td></tr><tr><td colspan="2">E</td></tr></tbody></table>`,
		`<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td colspan=3>c</td><td>d</td></tr></table>`,
		`<table><tr><td colspan=0>z</td><td rowspan=-1 colspan="2x">y</td><td colspan=2000>w</td></tr></table>`,
		`<table><caption>c</caption><tfoot><tr><td>f</td></tr></tfoot><thead><tr><th>h</th></tr></thead><tr><td>x<table><tr><td>n</td></tr></table></td></tr></table>`,
		`<ol start="7" reversed><li value="3">a<ul><li>b<table><tr><td>t</td></tr></table></li></ul></li>text<ul><li>c</li></ul></ol>`,
		`<main><h1>T<br>x</h1><p>• one<br>two</p><p><a href="#top">Back</a></p><pre>a
b</pre><p>OFFICIAL</p></main>`,
		`<td>stray cell<tr><li>stray item`,
	} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("../testdata/samples/middlesbrough-send-progress-2020.html"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkFuzzed(t, "f.html", data) })
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Plan\n====\n\n## Part ##\nline  \nnext\\\nend\n\n---\n",
		"- one\n  - one a\n    wrapped\n\n  more\n• two\n3. three\n   (b) sub\n",
		"| Ref | Action |\n|:--|--:|\n| 1.1 | a \\| b<br>• c |\n| 2 |\n|x|\n",
		"a\tb\tc\n\td\n\f- page two\n```\ncode\n",
		"**Lead:** [Jo](x) `c` ![i](p) \\* &amp; _e_\n",
		"KEY ACTIONS\n\nOFFICIAL\n",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	for _, p := range []string{"testdata/inputs/example-borough-send-action-plan.md", "testdata/inputs/example-town-strategy.txt"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data), true)
		}
	}
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		name := "f.txt"
		if markdown {
			name = "f.md"
		}
		checkFuzzed(t, name, []byte(text))
	})
}

// checkFuzzed reads data and checks what must hold for any input: no panic,
// only the errors bad input may cause, a document that keeps the model's
// invariants, renders, and survives a JSON round trip unchanged.
func checkFuzzed(t *testing.T, name string, data []byte) {
	opts := DefaultOptions()
	opts.MaxTableArea = 1 << 16 // keeps Check, which maps every position, quick
	doc, err := Bytes(context.Background(), name, data, opts)
	if err != nil {
		var pe *PanicError
		if errors.As(err, &pe) {
			t.Fatalf("%v\n%s", err, pe.Stack)
		}
		if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrFormat) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err := doc.Check(); err != nil {
		t.Fatal(err)
	}
	if err := layout.WriteText(io.Discard, doc); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var back layout.Document
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, doc) {
		t.Fatalf("JSON round trip changed the document:\n%s", js)
	}
}
