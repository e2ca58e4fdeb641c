// Package config loads sendrecon's configuration: the commented defaults
// embedded from default.yaml, then an optional file given by the user, then
// SENDRECON_* environment variables. Unknown keys and bad values are errors,
// all of them reported at once, each naming its key.
package config

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the embedded default configuration, comments included.
func DefaultYAML() []byte { return slices.Clone(defaultYAML) }

// EnvPrefix is the prefix of environment variables that override keys:
// run.workers is SENDRECON_RUN_WORKERS.
const EnvPrefix = "SENDRECON"

// Config is the whole configuration.
type Config struct {
	Run       Run               `mapstructure:"run"`
	Extract   Extract           `mapstructure:"extract"`
	Normalize normalize.Options `mapstructure:"normalize"`
	Reconcile reconcile.Options `mapstructure:"reconcile"`

	// settings is the effective key tree, kept for Show and Digest.
	settings map[string]any
}

// Run configures a batch run.
type Run struct {
	Out      string `mapstructure:"out"`
	Workers  int    `mapstructure:"workers"`
	Progress string `mapstructure:"progress"`
	// ReportMaxDocuments: review.html is written for batches of at most
	// this many documents (the page holds the whole batch in memory).
	ReportMaxDocuments int `mapstructure:"report_max_documents"`
	// RowGroupRows is how many rows of a table are held before they are
	// written out as a Parquet row group.
	RowGroupRows int `mapstructure:"row_group_rows"`
}

// Progress modes.
var progressModes = []string{"auto", "bar", "lines", "off"}

// Extract caps what one document may cost.
type Extract struct {
	MaxBytes   int64 `mapstructure:"max_bytes"`
	MaxPages   int   `mapstructure:"max_pages"`
	MaxObjects int   `mapstructure:"max_objects"`
	MaxSeconds int   `mapstructure:"max_seconds"`
	// Isolation is how a batch reads documents: "process" in worker
	// processes it can kill (see extract/isolate), "none" in its own.
	Isolation string `mapstructure:"isolation"`
	// MaxMemoryMB is each worker process's memory ceiling.
	MaxMemoryMB int64 `mapstructure:"max_memory_mb"`
	// MaxStreamBytes caps the decoded bytes of one page's content streams.
	MaxStreamBytes int64 `mapstructure:"max_stream_bytes"`
	// MaxOperators caps the content-stream operators run on one page.
	MaxOperators int `mapstructure:"max_operators"`
}

// Isolation modes.
var isolationModes = []string{"process", "none"}

// Workers returns the worker count to use: the configured one, or the CPU
// count when it is 0.
func (c *Config) Workers() int {
	if c.Run.Workers > 0 {
		return c.Run.Workers
	}
	return runtime.NumCPU()
}

// Load reads the defaults, then file (if not empty), then the environment.
// The error lists every problem found.
func Load(file string) (*Config, error) {
	return load(file, os.Environ())
}

// Default returns the embedded defaults alone, without file or environment.
func Default() *Config {
	c, err := load("", nil)
	if err != nil {
		panic("config: embedded default.yaml is invalid: " + err.Error())
	}
	return c
}

// Validate reads file over the defaults, without the environment, and returns
// every problem in it, each naming its key.
func Validate(file string) []error {
	_, err := load(file, nil)
	return unjoin(err)
}

func load(file string, environ []string) (*Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(defaultYAML)); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		// A list in the file extends the default's; "key!" replaces it.
		if b, err = extendLists(b, v.AllSettings()); err != nil {
			return nil, fmt.Errorf("config %s: %w", file, err)
		}
		if err := v.MergeConfig(bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("config %s: %w", file, err)
		}
	}
	errs := unjoin(applyEnv(v, environ))
	c := &Config{settings: v.AllSettings()}
	err := v.Unmarshal(c, func(dc *mapstructure.DecoderConfig) {
		dc.ErrorUnused = true
	})
	if err != nil {
		errs = append(errs, decodeErrors(file, err)...)
	}
	errs = append(errs, c.check()...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// applyEnv sets every key that has a SENDRECON_* variable. Viper's
// AutomaticEnv only reaches keys it is asked for by name, and it silently
// ignores variables for keys that do not exist; going through the
// environment ourselves lets a misspelt variable be an error too.
func applyEnv(v *viper.Viper, environ []string) error {
	known := map[string]string{}
	for _, k := range v.AllKeys() {
		known[envName(k)] = k
	}
	var errs []error
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix+"_") {
			continue
		}
		key, ok := known[name]
		if !ok {
			errs = append(errs, fmt.Errorf("environment %s: no such key", name))
			continue
		}
		if cur, isList := v.Get(key).([]any); isList {
			// Like a file's list, the variable's entries extend the list;
			// a leading "!" replaces it: SENDRECON_NORMALIZE_NULL_DATES='!tbc,n/a'.
			if rest, replace := strings.CutPrefix(val, ReplaceSuffix); replace {
				v.Set(key, strings.Split(rest, ","))
				continue
			}
			var add []any
			for _, s := range strings.Split(val, ",") {
				add = append(add, s)
			}
			v.Set(key, mergeList(cur, add))
			continue
		}
		v.Set(key, val)
	}
	return errors.Join(errs...)
}

func envName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func (c *Config) check() []error {
	var errs []error
	if c.Run.Workers < 0 {
		errs = append(errs, fmt.Errorf("run.workers: %d is negative; use 0 for one per CPU", c.Run.Workers))
	}
	if !slices.Contains(progressModes, c.Run.Progress) {
		errs = append(errs, fmt.Errorf("run.progress: %q is not one of %s", c.Run.Progress, strings.Join(progressModes, ", ")))
	}
	if c.Run.Out == "" {
		errs = append(errs, errors.New("run.out: must not be empty"))
	}
	if c.Extract.MaxBytes <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_bytes: %d must be positive", c.Extract.MaxBytes))
	}
	if c.Extract.MaxPages <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_pages: %d must be positive", c.Extract.MaxPages))
	}
	if c.Extract.MaxObjects <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_objects: %d must be positive", c.Extract.MaxObjects))
	}
	if c.Extract.MaxSeconds <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_seconds: %d must be positive", c.Extract.MaxSeconds))
	}
	if !slices.Contains(isolationModes, c.Extract.Isolation) {
		errs = append(errs, fmt.Errorf("extract.isolation: %q is not one of %s", c.Extract.Isolation, strings.Join(isolationModes, ", ")))
	}
	if c.Extract.MaxStreamBytes <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_stream_bytes: %d must be positive", c.Extract.MaxStreamBytes))
	}
	if c.Extract.MaxOperators <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_operators: %d must be positive", c.Extract.MaxOperators))
	}
	if c.Extract.MaxMemoryMB <= 0 {
		errs = append(errs, fmt.Errorf("extract.max_memory_mb: %d must be positive", c.Extract.MaxMemoryMB))
	}
	if c.Run.RowGroupRows <= 0 {
		errs = append(errs, fmt.Errorf("run.row_group_rows: %d must be positive", c.Run.RowGroupRows))
	}
	if c.Run.ReportMaxDocuments < 0 {
		errs = append(errs, fmt.Errorf("run.report_max_documents: %d is negative; use 0 for no review.html", c.Run.ReportMaxDocuments))
	}
	errs = append(errs, c.Normalize.Validate()...)
	errs = append(errs, c.Reconcile.Validate()...)
	return errs
}

// decodeErrors splits mapstructure's combined error into one error per key.
func decodeErrors(file string, err error) []error {
	where := "config"
	if file != "" {
		where = "config " + file
	}
	var out []error
	for _, e := range unjoin(err) {
		msg := e.Error()
		if rest, ok := strings.CutPrefix(msg, "decoding failed due to the following error(s):\n\n"); ok {
			for _, line := range strings.Split(rest, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					out = append(out, keyErrors(where, line)...)
				}
			}
			continue
		}
		out = append(out, fmt.Errorf("%s: %s", where, msg))
	}
	return out
}

// keyErrors rewrites mapstructure's "'run' has invalid keys: a, b" as one
// error per full key, "run.a: unknown key", which is what a user can search
// their file for.
func keyErrors(where, line string) []error {
	parent, keys, ok := strings.Cut(line, " has invalid keys: ")
	if !ok {
		return []error{fmt.Errorf("%s: %s", where, line)}
	}
	parent = strings.Trim(parent, "'")
	var out []error
	for _, k := range strings.Split(keys, ",") {
		k = strings.TrimSpace(k)
		if parent != "" {
			k = parent + "." + k
		}
		out = append(out, fmt.Errorf("%s: %s: unknown key", where, k))
	}
	return out
}

func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unjoin(e)...)
		}
		return out
	}
	return []error{err}
}

// YAML is the effective configuration as YAML, keys sorted.
func (c *Config) YAML() ([]byte, error) {
	return yaml.Marshal(c.settings)
}

// Digest identifies the effective configuration: two runs with the same
// digest normalise the same bytes the same way.
func (c *Config) Digest() string {
	b, err := c.YAML()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Settings is the effective key tree, for recording in a run's manifest.
func (c *Config) Settings() map[string]any { return c.settings }

// Check validates the configuration again, for callers that changed it
// after Load (command-line flags override keys).
func (c *Config) Check() error { return errors.Join(c.check()...) }
