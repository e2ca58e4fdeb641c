// Package emit writes a run's results as the Parquet tables of CONTRACT.md,
// one output folder per run.
//
// A Writer opens every table when it is created and streams rows into it as
// the stages produce them; a row group is flushed every Options.RowGroupRows
// rows, so memory is bounded by that number, not by the size of the batch.
// Close writes each table as <dir>/<table>.parquet and then manifest.json.
// Every table is always written, empty or not.
//
// The contract with the caller:
//
//   - All or nothing. Tables are written to hidden temporary files in dir and
//     renamed into place only when every one of them was written completely;
//     on any failure, or on Abort, the temporary files are removed and no
//     table this run renamed is left behind. manifest.json is written last,
//     so its presence marks a complete output; Close removes an earlier
//     run's manifest before it replaces that run's tables.
//   - Errors are never lost: every Close, Flush and rename error is joined
//     into what Close returns. Failures carry their place as an *Error.
//   - emit does not invent data. A row whose REQUIRED string column is empty,
//     or whose column holds a value outside the column's closed set (see
//     SCHEMA.md), is rejected with an *Error naming table, row and column, and
//     is not written; the writer stays usable, so the caller can record the
//     failure on the document and carry on. Fallbacks such as "title is the
//     file name" are the caller's policy, not emit's.
//   - Absent values become null, never empty: an empty optional string, a
//     zero Date, a zero page or page count. A nil list becomes an empty list,
//     never null.
//   - The one REQUIRED string allowed to be empty is cells.text: a blank cell
//     is kept so the grid stays whole.
//
// Schema (schema.go) is the single description of the tables; SCHEMA.md is
// generated from it by `go test ./emit -update`, and the tests fail when the
// row types, the file or the description disagree.
//
// A Writer is safe for use by several goroutines; rows are written in the
// order the calls are made, so callers wanting byte-stable output add them in
// a deterministic order.
package emit
