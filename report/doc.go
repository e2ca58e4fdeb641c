// Package report writes the review page of a run: one self-contained HTML
// file (no external resources, so it works offline and can be mailed) that
// shows, per local area, the inspection findings with their coverage, the
// proposed links with their score and evidence, conflicts, overdue actions,
// and the changes of a diff, with search, filters and inline SVG charts.
//
// Opened as a file the page is read-only. Served by `sendrecon review
// serve`, its accept, reject and note buttons post to /api/decisions on the
// page's own origin; it never reaches anywhere else.
//
// The package reads the types of normalize and reconcile and writes one
// file; it neither prints nor exits.
package report
