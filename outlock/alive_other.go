//go:build !unix

package outlock

import "os"

// alive says whether a process with this id exists: FindProcess opens it
// on windows, and fails when there is none.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
