//go:build race

package bpp

// raceEnabled: the race detector changes escape analysis, so allocation
// counts are not pinned under it.
const raceEnabled = true
