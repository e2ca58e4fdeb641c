package reconcile

// statusCategory is what a status means, so "G" and "Green", "B" and
// "Complete" do not disagree. SEAM (issue 14): the contract helper's status
// classifier (CONTRACT v2 items.status_category: not_started, on_track,
// at_risk, off_track, complete) replaces this through SetStatusCategory
// once it lands; until then a status is compared by its folded spelling.
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
