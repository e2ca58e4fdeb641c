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

// FlagOverdueItems adds FlagOverdue to every action of items that is due
// before the as-of day of opts (today, from now, when unset) and whose
// status is not one of opts.DoneStatuses. A due date given only as a month
// or year is due at its end.
func FlagOverdueItems(items []normalize.Item, opts Options, now time.Time) {
	asOf := opts.asOf(now)
	for i := range items {
		it := &items[i]
		if it.Kind != normalize.KindAction || it.Due.IsZero() || isDone(it.Status, opts.DoneStatuses) {
			continue
		}
		if it.Due.Time.Before(asOf) && !slices.Contains(it.Flags, FlagOverdue) {
			it.Flags = append(it.Flags, FlagOverdue)
		}
	}
}
