package emit

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
)

// DefaultRowGroupRows is how many rows a table holds in memory before it
// writes them out as a row group, unless Options say otherwise.
const DefaultRowGroupRows = 10_000

// Options configure a Writer. The zero value is usable.
type Options struct {
	// RowGroupRows bounds the rows of a table held in memory; 0 means
	// DefaultRowGroupRows.
	RowGroupRows int
	// Compression is "zstd" (the default when empty) or "snappy".
	Compression string
	// Tool and Version name the program in manifest.json; they default to
	// "sendrecon" and "devel".
	Tool, Version string
	// Config is the effective configuration of the run, recorded in
	// manifest.json with its digest. It must marshal to JSON.
	Config any
	// Now is the clock of manifest.json's timestamps, pinned by tests;
	// time.Now when nil.
	Now func() time.Time
	// Part, when set, writes each table as one part of a folder,
	// <dir>/<table>/<Part>.parquet, and the manifest as
	// <dir>/manifest-<Part>.json, so several writers (the shards of a run)
	// can fill one output folder. It must be a plain file name such as
	// "part-3".
	Part string
	// DocumentDigest is recorded in manifest.json (see Manifest).
	DocumentDigest string
	// Only, when not empty, names the tables written; the others are
	// neither written nor listed in the manifest (a merge of shards writes
	// only the tables it reconciles).
	Only []string
	// AsOf is the day overdue was judged against, recorded in
	// manifest.json as as_of; zero leaves it out. With AsOfDocuments each
	// document stating its own date was judged against that instead, and
	// its inputs entry says so.
	AsOf          time.Time
	AsOfDocuments bool
	// CanonicalOrg gives item_orgs.org_canonical: an organisation's name
	// with the document's acronyms (may be nil) and known ones expanded.
	// When nil, org_canonical is the name as written.
	CanonicalOrg func(org string, acronyms map[string]string) string
}

func (o Options) canonicalOrg(org string, acronyms map[string]string) string {
	if o.CanonicalOrg != nil {
		if c := o.CanonicalOrg(org, acronyms); c != "" {
			return c
		}
	}
	return org
}

func (o Options) withDefaults() Options {
	if o.RowGroupRows == 0 {
		o.RowGroupRows = DefaultRowGroupRows
	}
	if o.Compression == "" {
		o.Compression = "zstd"
	}
	if o.Tool == "" {
		o.Tool = "sendrecon"
	}
	if o.Version == "" {
		o.Version = "devel"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// parquetOptions checks the options and turns them into writer options.
func (o Options) parquetOptions() ([]parquet.WriterOption, error) {
	codecs := map[string]compress.Codec{"zstd": zstdCodec, "snappy": &parquet.Snappy}
	codec, ok := codecs[o.Compression]
	if !ok {
		return nil, fmt.Errorf("emit: compression %q: want zstd or snappy", o.Compression)
	}
	if o.Part != "" && (o.Part != filepath.Base(o.Part) || strings.HasPrefix(o.Part, ".")) {
		return nil, fmt.Errorf("emit: part %q: want a plain file name", o.Part)
	}
	if o.RowGroupRows < 0 {
		return nil, fmt.Errorf("emit: row group rows %d: want a positive number", o.RowGroupRows)
	}
	return []parquet.WriterOption{
		parquet.Compression(codec),
		parquet.MaxRowsPerRowGroup(int64(o.RowGroupRows)),
	}, nil
}
