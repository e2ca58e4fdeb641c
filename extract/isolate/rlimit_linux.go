//go:build linux

package isolate

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// limitMemory caps this process's address space at limit bytes above what
// it holds now: an allocation past it fails, and the Go runtime dies with
// "out of memory", costing the worker and the one document it held. The
// base is added because the runtime reserves about a gigabyte of address
// space it never touches before main runs.
func limitMemory(limit int64) error {
	base, err := addressSpace()
	if err != nil {
		return err
	}
	n := uint64(base + limit)
	return syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: n, Max: n})
}

// addressSpace is this process's current virtual size (VmSize).
func addressSpace() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			v = bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB"))
			kb, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			return kb << 10, err
		}
	}
	return 0, os.ErrNotExist
}

// memoryEnforced says whether the OS enforces the ceiling here.
const memoryEnforced = true

// detach makes a worker die with its parent (a killed batch leaves no
// orphans behind).
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
