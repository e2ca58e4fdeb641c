package normalize

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Meta is what the CLI knows of an input before normalisation.
type Meta struct {
	DocID      string
	SourcePath string
	SHA256     string
	// Format is the source format; empty means the layout's own.
	Format string
}

// Run normalises one extracted document into its documents row and
// items. It fails only on a nil document or on options that do not
// compile; anything odd in the document becomes an item flag instead.
func Run(doc *layout.Document, meta Meta, opts Options) (res Result, err error) {
	if doc == nil {
		return Result{}, fmt.Errorf("normalize %s: %w", meta.DocID, ErrNoDocument)
	}
	if errs := opts.Validate(); len(errs) > 0 {
		return Result{}, fmt.Errorf("normalize %s: %w: %v", meta.DocID, ErrOptions, errs[0])
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("normalize %s: %w: %v", meta.DocID, ErrPanic, r)
		}
	}()
	d := Document{
		ID:         meta.DocID,
		SourcePath: meta.SourcePath,
		SHA256:     meta.SHA256,
		Format:     meta.Format,
		PageCount:  doc.Pages,
		Status:     StatusOK,
	}
	if d.Format == "" {
		d.Format = string(doc.Format)
	}
	if len(doc.PageErrors) > 0 {
		d.Status = StatusPartial
		d.Error = fmt.Sprintf("%d page(s) failed, first page %d: %s", len(doc.PageErrors), doc.PageErrors[0].Page, doc.PageErrors[0].Err)
	}
	d.Title = docTitle(doc)
	d.Acronyms = Acronyms(doc)
	b := newBuilder(doc, &d, opts)
	b.run()
	d.LocalArea = localArea(doc, d.Title, opts.LocalAreas)
	d.DocType, d.Roles = docType(doc, d.Title, opts.DocTypes)
	if b.hasKind(KindFinding) && !slices.Contains(d.Roles, "inspection") {
		d.Roles = append(d.Roles, "inspection")
	}
	d.PeriodStart, d.PeriodEnd = b.docPeriod()
	d.Date = documentDate(doc, d.Title, opts.DateLabels)
	b.finish()
	classifyStatuses(doc, b.items, opts.Statuses)
	res = Result{Document: d, Items: b.items, Trace: b.trace()}
	if len(b.items) == 0 {
		// A document that yields nothing is not a success: say so, and
		// what was looked for (sendrecon explain prints it in full).
		res.NotFound = b.notFound()
		if res.Document.Status == StatusOK {
			res.Document.Status = StatusPartial
			res.Document.Error = fmt.Sprintf("%s: no items found: no list, table or heading matched the configured sections, column headings or finding codes (see sendrecon explain)", meta.SourcePath)
		}
	}
	return res, nil
}

var reTitleSite = regexp.MustCompile(`\s+[|–—]\s+[^|–—]*$`)

// docTitle is the layout's title without a web site's " | Council" suffix,
// or the first heading.
func docTitle(doc *layout.Document) string {
	t := oneLine(doc.Title)
	if t == "" {
		for _, b := range doc.Blocks {
			if b.Kind == layout.KindHeading {
				return oneLine(b.Text)
			}
		}
	}
	if strings.Contains(t, " | ") {
		t = reTitleSite.ReplaceAllString(t, "")
	}
	return t
}

func blockText(b layout.Block) string {
	switch b.Kind {
	case layout.KindList:
		var parts []string
		for _, it := range b.List.Items {
			parts = append(parts, it.Text)
		}
		return strings.Join(parts, "\n")
	case layout.KindTable:
		var parts []string
		for _, c := range b.Table.Cells {
			parts = append(parts, c.Text)
		}
		return strings.Join(parts, "\n")
	}
	return b.Text
}

// docType classifies the document by its title, then its text.
func docType(doc *layout.Document, title string, rules []DocTypeRule) (string, []string) {
	match := func(pats []string, s string) bool {
		for _, p := range pats {
			if mustCompile("(?i)" + p).MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, r := range rules {
		if match(r.Title, title) {
			return r.Type, slices.Clone(r.Roles)
		}
	}
	var sb strings.Builder
	for i, b := range doc.Blocks {
		if i > 60 {
			break
		}
		sb.WriteString(blockText(b))
		sb.WriteByte('\n')
	}
	for _, r := range rules {
		if match(r.Text, sb.String()) {
			return r.Type, slices.Clone(r.Roles)
		}
	}
	return "", nil
}
