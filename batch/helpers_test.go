package batch

import (
	"database/sql"
	"testing"

	"github.com/sendrecon/sendrecon/internal/testduck"
)

const samples = "../testdata/samples"

// duck is an in-memory DuckDB, as the data team reads the tables.
func duck(t *testing.T) *sql.DB { return testduck.Open(t) }

// expand is Expand for paths that must all be there.
func expand(tb testing.TB, paths []string) []Input {
	tb.Helper()
	inputs, err := Expand(paths)
	if err != nil {
		tb.Fatal(err)
	}
	return inputs
}
