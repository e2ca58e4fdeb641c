//go:build cgo

package testduck

import (
	"database/sql"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" database/sql driver
)

// Open returns an in-memory DuckDB closed when the test ends.
func Open(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Query runs query with args and returns its column names and every row's
// values as the driver gives them (nil for NULL), failing the test on any
// error.
func Query(tb testing.TB, db *sql.DB, query string, args ...any) (cols []string, rows [][]any) {
	tb.Helper()
	rs, err := db.Query(query, args...)
	if err != nil {
		tb.Fatalf("%v\n%s", err, query)
	}
	defer rs.Close()
	if cols, err = rs.Columns(); err != nil {
		tb.Fatal(err)
	}
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		rows = append(rows, vals)
	}
	if err := rs.Err(); err != nil {
		tb.Fatal(err)
	}
	return cols, rows
}
