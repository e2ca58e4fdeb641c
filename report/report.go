package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/sendrecon/sendrecon/internal/atomicfile"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// Data is everything one page shows. Documents and Items must hold every
// item that a link, coverage row, conflict or change names; anything they
// lack is shown by its id alone.
type Data struct {
	// Title heads the page; "sendrecon review" when empty.
	Title string
	// Out is the output folder, named in the hint that tells a reader of
	// the file how to serve it.
	Out string
	// Generated is when the run made the page (pinned by tests).
	Generated time.Time
	// AsOf says what overdue was judged against: a date, or each
	// document's own date (reconcile.as_of).
	AsOf string

	Documents []normalize.Document
	Items     []normalize.Item
	Links     []reconcile.Link
	Coverage  []reconcile.Coverage
	Conflicts []reconcile.Conflict
	Changes   []reconcile.Change
	// Editions group copies of one document (its HTML and each printing):
	// the page shows one row per edition with its copies listed, and the
	// items of copies other than the representative only through it.
	Editions []reconcile.Edition
}

// File is the page's name inside an output folder.
const File = "review.html"

var (
	//go:embed page.html
	pageHTML string
	//go:embed page.css
	pageCSS string
	//go:embed page.js
	pageJS string

	pageTmpl = template.Must(template.New("page").Funcs(funcs).Parse(pageHTML))
)

// Render writes the page for data to w.
func Render(w io.Writer, data Data) error {
	if err := pageTmpl.Execute(w, build(data)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// Write renders the page to path, through a temporary file renamed into
// place, so a reader never sees half a page.
func Write(path string, data Data) error {
	var buf bytes.Buffer
	if err := Render(&buf, data); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("report %s: %w", path, err)
	}
	return nil
}
