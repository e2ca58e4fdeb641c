package reconcile

import (
	"slices"
	"time"

	"github.com/sendrecon/sendrecon/normalize"
)

// FlagOverdue is the flag on an action due before the as-of date and not
// marked done.
const FlagOverdue = "overdue"

// FlagOverdueItems adds FlagOverdue to every action of items that is due
// before the as-of day of opts (today, from now, when unset) and whose
// status is not one of opts.DoneStatuses. A due date given only as a month
// or year is due at its end.
func FlagOverdueItems(items []normalize.Item, opts Options, now time.Time) {
	asOf := opts.asOf(now)
	done := map[string]bool{}
	for _, s := range opts.DoneStatuses {
		done[fold(s)] = true
	}
	for i := range items {
		it := &items[i]
		if it.Kind != normalize.KindAction || it.Due.IsZero() || done[fold(it.Status)] {
			continue
		}
		if it.Due.Time.Before(asOf) && !slices.Contains(it.Flags, FlagOverdue) {
			it.Flags = append(it.Flags, FlagOverdue)
		}
	}
}
