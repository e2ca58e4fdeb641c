//go:build unix

package batch

import "syscall"

// cpuTime is the CPU time (user and system) this process and its reaped
// children have used, in nanoseconds: on a shared machine it measures a
// benchmark's work where wall time measures the other tenants too.
func cpuTime() int64 {
	var total int64
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += ru.Utime.Nano() + ru.Stime.Nano()
		}
	}
	return total
}
