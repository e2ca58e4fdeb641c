package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/reconcile"
)

// DecisionsFile is where the reviewers' decisions about an output folder
// live: reconcile.decisions resolved against the output folder
// (Config.Run.Out), never against the working directory, so the same run
// started from anywhere applies the same decisions. An absolute path is
// taken as it is.
func DecisionsFile(cfg *config.Config) string {
	p := cfg.Reconcile.Decisions
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(cfg.Run.Out, p)
}

// decisions reads the decisions of the output folder, and warns of a
// decisions file where earlier versions kept it (the working directory):
// its decisions are not applied, and silently ignoring them would turn
// accepted and rejected links back into proposed ones.
func (b *Batch) decisions(sink Sink) ([]reconcile.Decision, error) {
	file := DecisionsFile(b.Config)
	ds, err := reconcile.ReadDecisions(file)
	if err != nil {
		return nil, err
	}
	if msg := strayDecisions(b.Config.Reconcile.Decisions, file); msg != "" {
		sink.Warn(msg)
	}
	return ds, nil
}

// strayDecisions describes a decisions file at rel in the working
// directory that is not file, or returns "".
func strayDecisions(rel, file string) string {
	if filepath.IsAbs(rel) {
		return ""
	}
	stray, err := os.Stat(rel)
	if err != nil {
		return ""
	}
	if used, err := os.Stat(file); err == nil && os.SameFile(stray, used) {
		return ""
	}
	ds, err := reconcile.ReadDecisions(rel)
	n := fmt.Sprintf("%d decisions", len(ds))
	if err != nil {
		n = "decisions (some unreadable)"
	}
	hint := fmt.Sprintf("move it there (mv %s %s)", rel, file)
	if _, err := os.Stat(file); !errors.Is(err, fs.ErrNotExist) {
		hint = "append its lines to that file if they still apply"
	}
	abs, _ := filepath.Abs(rel)
	return fmt.Sprintf("%s holds %s from an earlier run, not applied: decisions live with the output, in %s; %s", abs, n, file, hint)
}
