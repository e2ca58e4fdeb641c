package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/emit"
)

// Stage is an output folder being built: everything a run writes goes to a
// hidden staging folder beside the target, and only Publish, once the whole
// run has succeeded, moves it into the target. A run that fails or is
// interrupted calls Discard and the target is as it was; no temporary file
// is left in it.
//
// Publish moves the staged files one by one (the target also holds files
// that are not the run's, such as decisions.jsonl, which must stay), each
// displaced file first moved aside into the staging folder, so that a
// failure part way puts every displaced file back.
type Stage struct {
	target string
	dir    string
}

// stagingInfix is in the name of every staging folder:
// .<target>.staging-*, beside the target.
const stagingInfix = ".staging-"

// StagingPattern is a glob matching the staging folders of target, for
// finding what a killed run left behind.
func StagingPattern(target string) string {
	t := filepath.Clean(target)
	return filepath.Join(filepath.Dir(t), "."+filepath.Base(t)+stagingInfix+"*")
}

// RemoveStale removes the staging folders a killed run into target left
// (beside it, or inside it when its parent was not writable). Call it only
// while holding the output's run lock: otherwise they may be another
// run's, still working.
func RemoveStale(target string) error {
	t := filepath.Clean(target)
	beside, err := filepath.Glob(StagingPattern(t))
	if err != nil {
		return err
	}
	inside, err := filepath.Glob(filepath.Join(t, "."+filepath.Base(t)+stagingInfix+"*"))
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range append(beside, inside...) {
		if info, err := os.Lstat(d); err == nil && info.IsDir() {
			errs = append(errs, os.RemoveAll(d))
		}
	}
	return errors.Join(errs...)
}

// NewStage makes a staging folder for target. The target must be a folder
// or not exist; its parent is made if needed. When the parent cannot be
// written (a shared folder owned by someone else, with a target of one's
// own), the staging folder goes inside the target instead, still hidden.
func NewStage(target string) (*Stage, error) {
	target = filepath.Clean(target)
	if info, err := os.Stat(target); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output %s: not a folder", target)
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", target, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+stagingInfix)
	if err != nil && errors.Is(err, fs.ErrPermission) {
		if info, serr := os.Stat(target); serr == nil && info.IsDir() {
			dir, err = os.MkdirTemp(target, "."+filepath.Base(target)+stagingInfix)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", target, err)
	}
	return &Stage{target: target, dir: dir}, nil
}

// Dir is the staging folder, where the run writes.
func (s *Stage) Dir() string { return s.dir }

// Target is the folder Publish fills.
func (s *Stage) Target() string { return s.target }

// Scratch makes a hidden folder inside the staging folder for what the
// run keeps on disk while it works; it is never published.
func (s *Stage) Scratch() (string, error) {
	return os.MkdirTemp(s.dir, ".scratch-")
}

// Discard removes the staging folder and everything in it.
func (s *Stage) Discard() error {
	if s == nil || s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	return err
}

// move is one rename Publish made, to undo on failure.
type move struct{ from, to string }

// Publish moves every staged file (hidden ones aside) into the target and
// removes the staging folder. remove names files of the target (relative)
// that an earlier run wrote and this one did not, which no longer describe
// the folder (review.html when the batch was too big for it). The
// manifests go last: their presence marks a complete output.
//
// A staged <table>.parquet replaces the target's folder of parts of that
// table, and a staged part replaces the target's whole <table>.parquet, so
// a reader never sees two versions of one table.
func (s *Stage) Publish(remove ...string) (err error) {
	if err := os.MkdirAll(s.target, 0o755); err != nil {
		return errors.Join(fmt.Errorf("output %s: %w", s.target, err), s.Discard())
	}
	files, err := s.staged()
	if err != nil {
		return errors.Join(err, s.Discard())
	}
	backup := filepath.Join(s.dir, ".displaced")
	var done []move
	defer func() {
		if err != nil {
			err = errors.Join(err, undo(done))
		}
		err = errors.Join(err, s.Discard())
	}()
	displace := func(rel string) error {
		from := filepath.Join(s.target, rel)
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		to := filepath.Join(backup, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("output %s: %w", s.target, err)
		}
		done = append(done, move{from, to})
		return nil
	}
	// Old manifests first, so a crash part way leaves no manifest claiming
	// tables it does not describe.
	for _, rel := range files {
		if isManifest(rel) {
			if err := displace(rel); err != nil {
				return err
			}
		}
	}
	for _, rel := range remove {
		if err := displace(rel); err != nil {
			return err
		}
	}
	var manifests []string
	for _, rel := range files {
		if isManifest(rel) {
			manifests = append(manifests, rel)
			continue
		}
		for _, other := range otherForm(s.target, rel) {
			if err := displace(other); err != nil {
				return err
			}
		}
		if err := s.put(rel, displace, &done); err != nil {
			return err
		}
	}
	for _, rel := range manifests {
		if err := s.put(rel, displace, &done); err != nil {
			return err
		}
	}
	// A folder of parts emptied by a whole table goes too.
	for _, m := range done {
		if dir := filepath.Dir(m.from); strings.HasPrefix(m.to, backup) && dir != s.target {
			_ = os.Remove(dir) // only if empty
		}
	}
	return nil
}

// put moves one staged file into the target, displacing what was there.
func (s *Stage) put(rel string, displace func(string) error, done *[]move) error {
	to := filepath.Join(s.target, rel)
	if info, err := os.Lstat(to); err == nil && info.IsDir() {
		// Not an earlier run's table: someone's folder, kept.
		return fmt.Errorf("output %s: a folder is in the way", to)
	}
	if err := displace(rel); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("output %s: %w", s.target, err)
	}
	from := filepath.Join(s.dir, rel)
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("output %s: %w", to, err)
	}
	*done = append(*done, move{from, to})
	return nil
}

// undo reverses the moves, last first.
func undo(done []move) error {
	var errs []error
	for i := len(done) - 1; i >= 0; i-- {
		m := done[i]
		if err := os.MkdirAll(filepath.Dir(m.from), 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := os.Rename(m.to, m.from); err != nil {
			errs = append(errs, fmt.Errorf("restoring %s: %w", m.from, err))
		}
	}
	return errors.Join(errs...)
}

// staged lists the files of the staging folder, relative to it, hidden
// ones (scratch, temporary files) aside, in a stable order.
func (s *Stage) staged() ([]string, error) {
	var files []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == s.dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, err := filepath.Rel(s.dir, p)
			if err != nil {
				return err
			}
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("output %s: staging: %w", s.target, err)
	}
	return files, nil
}

// isManifest reports whether rel is manifest.json or a part's manifest.
func isManifest(rel string) bool {
	return filepath.Dir(rel) == "." && strings.HasPrefix(rel, "manifest") && strings.HasSuffix(rel, ".json")
}

// otherForm names the target's files holding the other form of the table
// rel belongs to: for a whole <table>.parquet, the parts in <table>/; for
// a part <table>/<part>.parquet, <table>.parquet.
func otherForm(target, rel string) []string {
	dir, base := filepath.Split(rel)
	dir = filepath.Clean(dir)
	if !strings.HasSuffix(base, ".parquet") {
		return nil
	}
	if dir != "." {
		return []string{dir + ".parquet"}
	}
	table := strings.TrimSuffix(base, ".parquet")
	parts, _ := filepath.Glob(filepath.Join(target, table, "*.parquet"))
	var out []string
	for _, p := range parts {
		out = append(out, filepath.Join(table, filepath.Base(p)))
	}
	return out
}

// OtherRun says why dir holds the output of something other than a run of
// paths (another run, another diff, files of someone else's), or returns
// "" when dir is missing, empty, or an earlier output of the same paths,
// which writing again only refreshes.
func OtherRun(dir string, paths []string) string {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return ""
	}
	ms, err := emit.ReadManifests(dir)
	if err != nil || len(ms) != 1 {
		return fmt.Sprintf("%s is not empty and holds no output of these documents", dir)
	}
	var had []string
	for _, in := range ms[0].Inputs {
		had = append(had, filepath.Clean(in.Path))
	}
	var want []string
	for _, p := range paths {
		want = append(want, filepath.Clean(p))
	}
	if !slices.Equal(had, want) {
		return fmt.Sprintf("%s holds the output of another run (%d documents, %s)", dir, len(had), ms[0].Finished.Format("2006-01-02 15:04"))
	}
	return ""
}
