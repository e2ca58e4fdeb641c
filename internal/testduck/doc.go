// Package testduck opens the in-memory DuckDB that tests read the Parquet
// output with, as the data team does, rather than with the library that
// wrote it. It is for tests only: importing it links DuckDB, which needs
// cgo, so without cgo (a cross-build) the package is empty.
package testduck
