package reconcile

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/sendrecon/sendrecon/normalize"
)

// FlagOverdue is the flag on an action due before the as-of date and not
// marked done.
const FlagOverdue = "overdue"

// The special values of reconcile.as_of.
const (
	// AsOfToday judges overdue against the day of the run.
	AsOfToday = "today"
	// AsOfDocument judges each document's actions against the document's
	// own date, where it states one: a progress report's overdue actions
	// are those overdue when it was written.
	AsOfDocument = "document"
)

// isDone reports whether a status says the work is finished: it contains
// one of the done phrases as whole words ("Completed / Embedded" is done,
// "Not completed" is not).
func isDone(status string, done []string) bool {
	words := " " + strings.Join(strings.FieldsFunc(strings.ToLower(status), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
	if strings.Contains(words, " not ") {
		return false
	}
	for _, d := range done {
		if strings.Contains(words, " "+fold(d)+" ") {
			return true
		}
	}
	return false
}

// AsOf is the day a document's actions are judged overdue against, and
// whether it is the document's own date (AsOfDocument and the document
// states one) rather than the configured or run day.
func AsOf(d *normalize.Document, opts Options, now time.Time) (day time.Time, fromDocument bool) {
	if opts.AsOf == AsOfDocument && d != nil && !d.Date.IsZero() {
		return d.Date.Time, true
	}
	return opts.asOf(now), false
}

// RunAsOf is the run-wide as-of day manifest.json records: the configured
// date, or the day of the run (also the fallback of AsOfDocument).
func RunAsOf(opts Options, now time.Time) time.Time { return opts.asOf(now) }

// FlagOverdueItems adds FlagOverdue to every action of items that is due
// before the as-of day of opts (today, from now, when unset) and whose
// status is not one of opts.DoneStatuses. A due date given only as a month
// or year is due at its end.
func FlagOverdueItems(items []normalize.Item, opts Options, now time.Time) {
	FlagOverdueAsOf(items, opts, opts.asOf(now))
}

// FlagOverdueAsOf adds FlagOverdue to every action of items due before
// asOf whose status is neither in the complete category nor one of
// opts.DoneStatuses, and removes it from every other item, so flags
// carried over from an earlier run follow the new as-of day.
func FlagOverdueAsOf(items []normalize.Item, opts Options, asOf time.Time) {
	for i := range items {
		it := &items[i]
		overdue := it.Kind == normalize.KindAction && !it.Due.IsZero() && it.Due.Time.Before(asOf) &&
			it.StatusCategory != normalize.StatusComplete && !isDone(it.Status, opts.DoneStatuses)
		has := slices.Contains(it.Flags, FlagOverdue)
		switch {
		case overdue && !has:
			it.Flags = append(it.Flags, FlagOverdue)
		case !overdue && has:
			it.Flags = slices.DeleteFunc(it.Flags, func(f string) bool { return f == FlagOverdue })
		}
	}
}
