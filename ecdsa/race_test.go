//go:build race

package ecdsa

// raceEnabled: the race detector's instrumentation changes escape analysis (Sign's stack buffer for the
// random bytes moves to the heap), so allocation counts are only pinned in ordinary builds.
const raceEnabled = true
