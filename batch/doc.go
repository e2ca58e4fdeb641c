// Package batch is the engine behind `sendrecon run` and `sendrecon merge`:
// it takes inputs through extract and normalize, then the batch-wide passes
// (people, reconcile), into one output folder of Parquet tables and
// review.html.
//
// The API is small: Expand turns paths, folders and globs into Inputs;
// Batch.Run processes them into Config.Run.Out; Batch.Merge reconciles the
// parts a sharded run wrote; Batch.Process reads one input (for `diff`).
// What happens on the way is told to a Sink (the CLI's progress display);
// the package itself never prints.
//
// A document that cannot be read is a failed documents row, never an error
// of the run: Run's error is for a run that could not write its output.
// Memory is bounded by the workers and the largest local area, not by the
// batch (see collector), and the tables are the same, byte for byte,
// whatever the worker count.
package batch
