//go:build !linux

package isolate

import "os/exec"

// limitMemory does nothing where RLIMIT_AS is not enforced (darwin ignores
// it, windows has no rlimits): the worker still costs one document if it
// dies, and the Go runtime's soft limit still applies.
func limitMemory(int64) error { return nil }

// memoryEnforced says whether the OS enforces the ceiling here.
const memoryEnforced = false

func detach(*exec.Cmd) {}
