package reconcile

import "fmt"

// Options configures reconciliation; the config package fills it from the
// `reconcile:` section of config/default.yaml.
type Options struct {
	// Decisions is the reviewers' decisions file, re-applied on every run.
	Decisions string `mapstructure:"decisions"`
	// AsOf is the date overdue actions are judged against (YYYY-MM-DD);
	// empty means the day of the run.
	AsOf string `mapstructure:"as_of"`
}

// Validate reports every bad value, naming its key.
func (o Options) Validate() []error {
	var errs []error
	if o.AsOf != "" {
		if _, err := parseDay(o.AsOf); err != nil {
			errs = append(errs, fmt.Errorf("reconcile.as_of: %q is not a date like 2024-03-31", o.AsOf))
		}
	}
	return errs
}
