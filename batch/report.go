package batch

import (
	"path/filepath"
	"time"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
	"github.com/sendrecon/sendrecon/report"
)

// WriteReport writes the review page of a run (or a diff) into dir (its
// staging folder), beside the tables; the page names out, the folder it
// will be in.
func WriteReport(dir, out string, docs []normalize.Document, items []normalize.Item, rec reconcile.Output, changes []reconcile.Change, now time.Time) error {
	return report.Write(filepath.Join(dir, report.File), report.Data{
		Out: out, Generated: now, Documents: docs, Items: items,
		Links: rec.Links, Coverage: rec.Coverage, Conflicts: rec.Conflicts, Changes: changes,
		Editions: rec.Editions,
	})
}
