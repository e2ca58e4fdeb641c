package batch

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

const samples = "../testdata/samples"

// duck is an in-memory DuckDB, as the data team reads the tables.
func duck(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samples, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func copySample(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, readSample(t, name), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// garbage is deterministic binary noise.
func garbage(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// expand is Expand for paths that must all be there.
func expand(tb testing.TB, paths []string) []Input {
	tb.Helper()
	inputs, err := Expand(paths)
	if err != nil {
		tb.Fatal(err)
	}
	return inputs
}
