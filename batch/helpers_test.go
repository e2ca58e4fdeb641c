package batch

import (
	"database/sql"
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

// expand is Expand for paths that must all be there.
func expand(tb testing.TB, paths []string) []Input {
	tb.Helper()
	inputs, err := Expand(paths)
	if err != nil {
		tb.Fatal(err)
	}
	return inputs
}
