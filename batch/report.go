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
// will be in, and what overdue was judged against (opts' as-of).
func WriteReport(dir, out string, docs []normalize.Document, items []normalize.Item, rec reconcile.Output, changes []reconcile.Change, now time.Time, opts reconcile.Options) error {
	return report.Write(filepath.Join(dir, report.File), report.Data{
		Out: out, Generated: now, AsOf: AsOfText(opts, now), Documents: docs, Items: items,
		Links: rec.Links, Coverage: rec.Coverage, Conflicts: rec.Conflicts, Changes: changes,
		Editions: rec.Editions,
	})
}

// AsOfText says what overdue was judged against, for the page and the
// run's last lines.
func AsOfText(opts reconcile.Options, now time.Time) string {
	day := reconcile.RunAsOf(opts, now).Format(time.DateOnly)
	if opts.AsOf == reconcile.AsOfDocument {
		return "each document's own date, else " + day
	}
	return day
}
