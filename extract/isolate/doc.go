// Package isolate reads documents in worker processes, the way Apache
// Tika's ForkParser protects its host: a hostile PDF that overflows the
// stack, allocates without bound or never ends costs one document, never
// the batch.
//
// A Pool re-executes the running binary in worker mode (see Main) and keeps
// a few such workers, reused across documents. Each request (a path, its
// bytes, the extract options) goes to a worker's stdin and the layout model
// comes back on its stdout, as gob. The parent enforces a wall-clock
// deadline by killing the worker; the operating system enforces the memory
// ceiling (RLIMIT_AS on linux, set by the worker on itself). A worker that
// dies, for any reason, is replaced and the document it held fails with an
// error naming the file and, where one was overrun, the limit's key.
//
// A binary that uses a Pool must call Main first thing in main (and a test
// binary in TestMain), so that the re-executed copy becomes a worker.
package isolate
