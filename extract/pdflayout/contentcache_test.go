package pdflayout

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// formObject is a Form XObject stream object, its content deflated when
// deflate is set.
func formObject(content string, deflate bool) string {
	filter := ""
	if deflate {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		_, _ = w.Write([]byte(content))
		_ = w.Close()
		content, filter = b.String(), " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 600 850] /Length %d%s >>\nstream\n%s\nendstream",
		len(content)+1, filter, content)
}

// pagesOf opens the PDF data (named in failures) as Extract does and
// returns the file as read, repaired where it had to be, and its pages.
func pagesOf(tb testing.TB, name string, data []byte) (file []byte, refs []pageRef) {
	tb.Helper()
	rd, file, err := open(data)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	refs, _, _ = collectPages(rd.Trailer().Key("Root").Key("Pages"), 2000)
	return file, refs
}

// readPages is pagesOf for a file on disk.
func readPages(tb testing.TB, path string) (file []byte, refs []pageRef) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return pagesOf(tb, path, data)
}

// interpretAll runs every page of data with one document cache.
func interpretAll(t *testing.T, data []byte, opts Options) ([]*pageContent, []error, *docCache) {
	t.Helper()
	file, refs := pagesOf(t, "test PDF", data)
	cache := newDocCache(file)
	var pages []*pageContent
	var errs []error
	for i, ref := range refs {
		pc, err := interpretPage(ref, i+1, opts.withDefaults(), cache, 0)
		pages = append(pages, pc)
		errs = append(errs, err)
	}
	return pages, errs, cache
}

func pageText(pc *pageContent) string {
	var b strings.Builder
	for _, g := range pc.glyphs {
		b.WriteString(g.text)
	}
	return b.String()
}

// TestFormCachedAcrossPages: a form drawn on every page (a running
// header) is decoded once and drawn on each page.
func TestFormCachedAcrossPages(t *testing.T) {
	data := testPDF{
		pages:     []string{"/X1 Do " + textAt(50, 700, 12, "One"), "/X1 Do " + textAt(50, 700, 12, "Two")},
		extra:     []string{formObject(textAt(50, 800, 10, "Header"), true)},
		resources: "/XObject << /X1 100 0 R >>",
	}.bytes()
	pages, errs, cache := interpretAll(t, data, Options{})
	for i, want := range []string{"HeaderOne", "HeaderTwo"} {
		if errs[i] != nil || pageText(pages[i]) != want {
			t.Errorf("page %d: %q, %v; want %q", i+1, pageText(pages[i]), errs[i], want)
		}
	}
	x := cache.xobjects[100]
	if x == nil || !x.cached || !bytes.Contains(x.data, []byte("(Header) Tj")) || cache.formBytes != len(x.data) {
		t.Errorf("form not kept decoded: %+v", x)
	}
	// Each page holds its own resource dictionary; both name one form.
	if len(cache.resources) != 2 || len(cache.xobjects) != 1 {
		t.Errorf("%d resource dictionaries and %d XObjects cached, want 2 and 1", len(cache.resources), len(cache.xobjects))
	}
}

// TestFormBytesCountOnEveryUse: a kept form's bytes still count against
// MaxContentBytes each time it is drawn.
func TestFormBytesCountOnEveryUse(t *testing.T) {
	form := formObject(textAt(50, 800, 10, "Header"), false)
	data := testPDF{
		pages:     []string{"/X1 Do", strings.Repeat("/X1 Do ", 100)},
		extra:     []string{form},
		resources: "/XObject << /X1 100 0 R >>",
	}.bytes()
	_, errs, _ := interpretAll(t, data, Options{MaxContentBytes: 1000})
	if errs[0] != nil {
		t.Errorf("page 1: %v", errs[0])
	}
	if !errors.Is(errs[1], ErrLimit) {
		t.Errorf("page 2: %v, want the content limit", errs[1])
	}
}

// TestContentBombStopsAtTheLimit: a form inflating to 8 MiB is read no
// further than one byte past a 64 KiB limit.
func TestContentBombStopsAtTheLimit(t *testing.T) {
	data := testPDF{
		pages:     []string{"/X1 Do"},
		extra:     []string{formObject(strings.Repeat(" ", 8<<20), true)},
		resources: "/XObject << /X1 100 0 R >>",
	}.bytes()
	_, refs := pagesOf(t, "test PDF", data)
	opts := Options{MaxContentBytes: 64 << 10}.withDefaults()
	in := newInterpreter(opts, newDocCache(data), &pageContent{number: 1}, identity)
	func() {
		defer func() {
			if err, _ := recover().(error); !errors.Is(err, ErrLimit) {
				t.Errorf("recovered %v, want the content limit", err)
			}
		}()
		in.run(refs[0].v.Key("Contents"), refs[0].resources)
	}()
	if in.bytes != opts.MaxContentBytes+1 {
		t.Errorf("decoded %d bytes, want the limit and one", in.bytes)
	}
	if _, errs, _ := interpretAll(t, data, opts); !errors.Is(errs[0], ErrLimit) || !strings.Contains(errs[0].Error(), "page 1") {
		t.Errorf("page error %v, want the content limit on page 1", errs[0])
	}
}

// TestPageWithoutContents: a page with no /Contents is empty, not
// damaged.
func TestPageWithoutContents(t *testing.T) {
	data := testPDF{pages: []string{textAt(50, 700, 12, "x")}}.bytes()
	data = bytes.Replace(data, []byte("/Contents"), []byte("/Kontents"), 1)
	pages, errs, _ := interpretAll(t, data, Options{})
	if errs[0] != nil || len(pages[0].glyphs) != 0 {
		t.Errorf("page %+v, %v; want an empty page", pages[0], errs[0])
	}
}

// TestStreamReaderMatchesLibrary: every content stream of the corpus and
// testdata PDFs decodes to the bytes the library's Reader gives, most of
// them read directly.
func TestStreamReaderMatchesLibrary(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "*", "*.pdf"))
	testdata, _ := filepath.Glob("testdata/*.pdf")
	direct, streams := 0, 0
	for _, p := range append(paths, testdata...) {
		file, refs := readPages(t, p)
		dc := newDocCache(file)
		for i, ref := range refs {
			c := ref.v.Key("Contents")
			if c.Kind() == pdf.Array {
				c = c.Index(0)
			}
			want, err := io.ReadAll(c.Reader())
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(dc.streamReader(c))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s page %d: %d bytes (%v), the library's %d", filepath.Base(p), i+1, len(got), err, len(want))
			}
			if _, ok := rawStream(file, c); ok {
				direct++
			}
			streams++
		}
	}
	if direct < streams/2 {
		t.Errorf("%d of %d streams read directly", direct, streams)
	}
	t.Logf("%d of %d streams read directly", direct, streams)
}

// TestHugeContentLimit: a limit near the int64 maximum does not overflow
// the room left to read.
func TestHugeContentLimit(t *testing.T) {
	data := testPDF{pages: []string{textAt(50, 700, 12, "x")}}.bytes()
	pages, errs, _ := interpretAll(t, data, Options{MaxContentBytes: math.MaxInt64})
	if errs[0] != nil || pageText(pages[0]) != "x" {
		t.Errorf("page %q, %v", pageText(pages[0]), errs[0])
	}
}
