//go:build !unix

package batch

// cpuTime is not measured here; benchmarks report 0 CPU ns/page.
func cpuTime() int64 { return 0 }
