package extract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/extract/pdflayout"
)

func TestBadInput(t *testing.T) {
	samplePDF, err := os.ReadFile("../testdata/samples/middlesbrough-send-progress-2020.chromium.pdf")
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i/3) // deterministic bytes, NULs included
	}
	tests := []struct {
		name    string
		file    string
		content []byte // nil: the file does not exist
		opts    func(*Options)
		ctx     func() context.Context
		wantIs  error
		wantMsg string // after "extract PATH: "
	}{
		{name: "zero-byte HTML", file: "empty.html", content: []byte{}, wantIs: ErrEmpty, wantMsg: "empty document: zero bytes"},
		{name: "zero-byte PDF", file: "empty.pdf", content: []byte{}, wantIs: ErrEmpty, wantMsg: "empty document: zero bytes"},
		{name: "text named .pdf", file: "notes.pdf", content: []byte("Minutes of the SEND board\n"), wantIs: ErrFormat,
			wantMsg: `content does not match file type: not a PDF: starts with text "Minutes of the SEND board\n"`},
		{name: "binary named .pdf", file: "blob.pdf", content: garbage, wantIs: ErrFormat,
			wantMsg: "content does not match file type: not a PDF (no %PDF- header)"},
		{name: "binary garbage named .html", file: "page.html", content: garbage, wantIs: ErrFormat,
			wantMsg: "content does not match file type: binary data, not html"},
		{name: "binary garbage named .md", file: "plan.md", content: garbage, wantIs: ErrFormat,
			wantMsg: "content does not match file type: binary data, not text"},
		{name: "PDF named .html", file: "page.html", content: samplePDF, wantIs: ErrFormat,
			wantMsg: "content does not match file type: a PDF file, named as html"},
		{name: "HTML without text", file: "blank.html", content: []byte("<html><body><script>x()</script><nav>Home</nav></body></html>"),
			wantIs: ErrEmpty, wantMsg: "empty document: no text found"},
		{name: "missing file", file: "missing.html", wantIs: fs.ErrNotExist, wantMsg: "open: no such file or directory"},
		{name: "a folder named .pdf", file: "folder.pdf", wantIs: ErrNotRegular, wantMsg: "not a regular file (d---------)"},
		{name: "unsupported extension", file: "plan.docx", content: []byte("x"), wantIs: ErrUnsupported,
			wantMsg: `unsupported file type ".docx" (want one of .htm .html .markdown .md .pdf .text .txt)`},
		{name: "over the byte limit", file: "big.txt", content: []byte("0123456789"), opts: func(o *Options) { o.MaxBytes = 5 },
			wantIs: ErrTooLarge, wantMsg: "over limit: 10 bytes, limit 5"},
		{name: "table over the area limit", file: "t.html",
			content: []byte("<table><tr><td>a</td><td rowspan=3 colspan=3>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>"),
			opts:    func(o *Options) { o.MaxTableArea = 10 }, wantIs: ErrTooLarge,
			wantMsg: "table 0: over limit: cells cover over 10 grid positions"},
		{name: "cancelled", file: "t.md", content: []byte("# x"), wantIs: context.Canceled, wantMsg: "context canceled",
			ctx: func() context.Context {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if strings.HasPrefix(tt.file, "folder") {
				if err := os.Mkdir(path, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if tt.content != nil {
				if err := os.WriteFile(path, tt.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			opts := DefaultOptions()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			ctx := context.Background()
			if tt.ctx != nil {
				ctx = tt.ctx()
			}
			doc, err := File(ctx, path, opts)
			checkError(t, doc, err, path, tt.wantIs, "extract "+path+": "+tt.wantMsg)
		})
	}
}

// checkError checks that err is an *Error naming path, wraps wantIs, and
// reads wantMsg.
func checkError(t *testing.T, doc *layout.Document, err error, path string, wantIs error, wantMsg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; got a document of %d blocks", len(doc.Blocks))
	}
	if doc != nil {
		t.Error("a document came back with the error")
	}
	var e *Error
	if !errors.As(err, &e) || e.File != path {
		t.Errorf("error %#v is not an *Error naming %s", err, path)
	}
	if !errors.Is(err, wantIs) {
		t.Errorf("errors.Is(%v, %v) is false", err, wantIs)
	}
	if err.Error() != wantMsg {
		t.Errorf("message\n got  %q\n want %q", err.Error(), wantMsg)
	}
}

func TestTruncatedPDF(t *testing.T) {
	data, err := os.ReadFile("../testdata/samples/middlesbrough-send-progress-2020.chromium.pdf")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cut.pdf")
	if err := os.WriteFile(path, data[:2000], 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := File(context.Background(), path, DefaultOptions())
	if err == nil {
		t.Fatalf("no error for a truncated PDF; got %d blocks", len(doc.Blocks))
	}
	var e *Error
	if !errors.As(err, &e) || e.File != path || !strings.HasPrefix(err.Error(), "extract "+path) {
		t.Errorf("error %q does not name %s", err, path)
	}
}

func TestPanicIsRecovered(t *testing.T) {
	readers[".panic"] = reader{layout.FormatText, func(context.Context, string, []byte, Options) (*layout.Document, error) {
		panic("malformed xref") // as the PDF library does on bad input
	}}
	t.Cleanup(func() { delete(readers, ".panic") })

	doc, err := Bytes(context.Background(), "x.panic", []byte("text"), DefaultOptions())
	checkError(t, doc, err, "x.panic", ErrPanic, "extract x.panic: reader panicked: malformed xref")
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(string(pe.Stack), "TestPanicIsRecovered") {
		t.Errorf("no stack pointing at the panic in %#v", err)
	}
}

func TestPDFErrorsMapToOurs(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		wantIs  []error
		wantMsg string
	}{
		{"encrypted", &pdflayout.Error{Path: "a.pdf", Err: fmt.Errorf("%w: needs a password", pdflayout.ErrEncrypted)},
			[]error{ErrEncrypted, pdflayout.ErrEncrypted}, "extract a.pdf: pdflayout: encrypted PDF: needs a password"},
		{"damaged, on a page", &pdflayout.Error{Path: "a.pdf", Page: 3, Err: fmt.Errorf("%w: bad xref", pdflayout.ErrNotPDF)},
			[]error{ErrFormat, pdflayout.ErrNotPDF}, "extract a.pdf page 3: pdflayout: not a readable PDF: bad xref"},
		{"limit", fmt.Errorf("%w: too many operators", pdflayout.ErrLimit),
			[]error{ErrTooLarge, pdflayout.ErrLimit}, "extract a.pdf: pdflayout: resource limit exceeded: too many operators"},
		{"other", errors.New("odd"), nil, "extract a.pdf: odd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := pdfError("a.pdf", tt.err)
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) is false", err, target)
				}
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("message\n got  %q\n want %q", err.Error(), tt.wantMsg)
			}
		})
	}
}

func TestSupported(t *testing.T) {
	for path, want := range map[string]bool{
		"a.pdf": true, "A.PDF": true, "b.html": true, "c.htm": true, "d.txt": true,
		"e.md": true, "f.markdown": true, "g.docx": false, "noext": false, "dir.pdf/x.csv": false,
	} {
		if got := Supported(path); got != want {
			t.Errorf("Supported(%q) = %v, want %v", path, got, want)
		}
	}
}
