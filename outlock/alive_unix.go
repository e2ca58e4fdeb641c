//go:build unix

package outlock

import (
	"errors"
	"syscall"
)

// alive says whether a process with this id exists (signal 0 checks
// without sending anything; EPERM means it exists as another user).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
