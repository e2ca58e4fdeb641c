package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/sendrecon/sendrecon/internal/atomicfile"
	"github.com/sendrecon/sendrecon/reconcile"
)

// ManifestFile is the name of the run's manifest in the output folder.
const ManifestFile = "manifest.json"

// Manifest is manifest.json: what a run was given, with which
// configuration, and what it wrote. TestManifestFieldsDocumented keeps it in
// step with ManifestFields.
type Manifest struct {
	Tool         string    `json:"tool"`
	Version      string    `json:"version"`
	Started      time.Time `json:"started"`
	Finished     time.Time `json:"finished"`
	ConfigDigest string    `json:"config_digest"`
	// DocumentDigest identifies what a document's rows depend on besides
	// its bytes (the program and the extract and normalize settings): a
	// later run with the same digest may carry rows over.
	DocumentDigest string          `json:"document_digest,omitempty"`
	Config         json.RawMessage `json:"config"`
	// AsOf is the day overdue was judged against (reconcile.as_of).
	AsOf     string       `json:"as_of,omitempty"`
	AsOfMode string       `json:"as_of_mode,omitempty"`
	Inputs   []Input      `json:"inputs"`
	Tables   []TableCount `json:"tables"`
	// Learning says which link weights the run linked with: learnt from
	// reviewers' decisions, or the configured ones and why.
	Learning *reconcile.Learning `json:"learning,omitempty"`
}

// Input is one document the run read, as its documents row says.
type Input struct {
	DocID  string `json:"doc_id"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
	// AsOf is the document's own date when overdue was judged against it.
	AsOf string `json:"as_of,omitempty"`
}

// TableCount is one table written and its rows.
type TableCount struct {
	Name string `json:"name"`
	File string `json:"file"`
	Rows int    `json:"rows"`
}

// ManifestField describes one field of manifest.json, for SCHEMA.md.
type ManifestField struct {
	Name, Type, Meaning string
}

// ManifestFields describes manifest.json; nested fields are written
// parent.child, elements of an array parent[].child.
var ManifestFields = []ManifestField{
	{"tool", "string", "The program that wrote the output."},
	{"version", "string", "Its version."},
	{"started", "RFC 3339 timestamp", "When the writer was created."},
	{"finished", "RFC 3339 timestamp", "When it was closed."},
	{"config_digest", "string", "sha256: and the hex digest of config as compact JSON; equal digests, equal configuration."},
	{"document_digest", "string, left out when empty", "What a document's rows depend on besides its bytes (program, extract and normalize settings); a later run into the same folder with the same digest carries over the rows of documents whose sha256 is unchanged."},
	{"config", "object", "The effective configuration the caller ran with."},
	{"as_of", "date (YYYY-MM-DD), left out when not set", "The day items.is_overdue and the flag overdue were judged against: reconcile.as_of's date, or the day of the run."},
	{"as_of_mode", "string, left out with as_of", "date: every document was judged against as_of; document: each document stating its own date (inputs[].as_of) against that, the others against as_of."},
	{"inputs", "array", "One entry per documents row, in the order added."},
	{"inputs[].doc_id", "string", "The document's doc_id."},
	{"inputs[].path", "string", "Its source_path."},
	{"inputs[].sha256", "string", "Hex digest of its bytes."},
	{"inputs[].status", "string", "ok, partial or failed."},
	{"inputs[].error", "string, left out when empty", "Why, when status is not ok."},
	{"inputs[].as_of", "date (YYYY-MM-DD), left out when empty", "With as_of_mode document: the document's own date, which its actions were judged overdue against."},
	{"tables", "array", "Every table written, in Schema order."},
	{"tables[].name", "string", "The table."},
	{"tables[].file", "string", "Its file, relative to the output folder."},
	{"tables[].rows", "integer", "Rows written."},
	{"learning", "object, left out when the run did not reconcile (a shard, linked when merged)", "The link weights the run linked with (reconcile.learn)."},
	{"learning.status", "string", "learnt: weights re-estimated from reviewers' decisions and used; configured: reconcile.weights held."},
	{"learning.reason", "string", "Why the configured weights held (no decisions, too few, one kind only, learning off), or what they were learnt from."},
	{"learning.decisions", "integer", "Reviewers' decisions read (the last on each link)."},
	{"learning.examples", "integer", "Decided links found in the batch and scored on this run: what learning fits."},
	{"learning.accepted", "integer", "Of the examples, accepted or added by a reviewer."},
	{"learning.rejected", "integer", "Of the examples, rejected."},
	{"learning.min_decisions", "integer", "reconcile.learn_min_decisions: the fewest examples learning needs."},
	{"learning.configured", "object", "reconcile.weights, by key (explicit_ref, text, ...)."},
	{"learning.weights", "object", "The weights the run linked with, by key: the learnt ones, or the configured ones again."},
}

// configJSON is the configuration as manifest.json records it, and its digest.
func configJSON(config any) (json.RawMessage, string, error) {
	b, err := json.Marshal(config)
	if err != nil {
		return nil, "", &Error{Path: ManifestFile, Row: -1, Column: "config", Err: err}
	}
	sum := sha256.Sum256(b)
	return b, "sha256:" + hex.EncodeToString(sum[:]), nil
}

// writeManifest writes manifest.json through a temporary file, so a reader
// never sees half of one.
func writeManifest(path string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return &Error{Path: filepath.Base(path), Row: -1, Err: err}
	}
	return writeAtomic(path, append(b, '\n'))
}

// ReadManifests reads the manifests of an output folder: manifest.json,
// and the manifest-<part>.json of each part written there. A folder
// without any has none.
func ReadManifests(dir string) ([]*Manifest, error) {
	files, err := filepath.Glob(filepath.Join(dir, "manifest-*.json"))
	if err != nil {
		return nil, err
	}
	files = append([]string{filepath.Join(dir, ManifestFile)}, files...)
	var out []*Manifest
	for _, f := range files {
		b, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fileError("", f, err)
		}
		m := &Manifest{}
		if err := json.Unmarshal(b, m); err != nil {
			return nil, fileError("", f, err)
		}
		out = append(out, m)
	}
	return out, nil
}

func writeAtomic(path string, data []byte) error {
	return fileError("", path, atomicfile.WriteFile(path, data, 0o644))
}

func removeIfThere(path string) error {
	err := os.Remove(path)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fmt.Errorf("emit: clean up: %w", err)
}
