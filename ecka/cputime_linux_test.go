//go:build linux

package ecka

import (
	"runtime"
	"syscall"
	"testing"
)

// cpuTimer pins the benchmark goroutine to its OS thread and, when the
// returned function runs after the loop, reports the thread's CPU time per
// operation as "cpu-ns/op". On a machine shared with other busy processes the
// wall-clock ns/op mostly measures waiting for a core; CPU time of the
// benchmarking thread does not (cache and frequency effects remain).
func cpuTimer(b *testing.B) func() {
	runtime.LockOSThread()
	start := threadCPU()
	return func() {
		used := threadCPU() - start
		runtime.UnlockOSThread()
		if b.N > 0 {
			b.ReportMetric(float64(used)/float64(b.N), "cpu-ns/op")
		}
	}
}

func threadCPU() int64 {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
