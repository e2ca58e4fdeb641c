package normalize

// Options configures normalisation; the config package fills it from the
// `normalize:` section of config/default.yaml. (Placeholder created by the
// lead so config compiles; extend freely.)
type Options struct {
}

// Validate reports every bad value, naming its key.
func (o Options) Validate() []error { return nil }
