package reconcile

// statusCategory reads a status that normalize gave no category (an item
// built by hand, a status its classifier did not know): by default its
// folded spelling. Items carry normalize's classification
// (items.status_category: "G" and "Green", "B" and "Complete" are one) and
// statusOf prefers it; SetStatusCategory installs a classifier for the
// rest.
var statusCategory = func(s string) string { return fold(s) }

// SetStatusCategory installs the classifier conflicts and editions compare
// statuses by; one returning "" for a status leaves that status compared by
// its spelling.
func SetStatusCategory(f func(string) string) {
	statusCategory = func(s string) string {
		if c := f(s); c != "" {
			return c
		}
		return fold(s)
	}
}
