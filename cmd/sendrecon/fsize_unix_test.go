//go:build unix

package main

import (
	"strconv"
	"syscall"
)

// limitFileSize makes every write past n bytes of one file fail (EFBIG),
// as a full disk does: the fault tests' full file system.
func limitFileSize(n string) {
	if v, err := strconv.ParseUint(n, 10, 64); err == nil {
		_ = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: v, Max: v})
	}
}
