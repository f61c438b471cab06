//go:build !race

package bpp

const raceEnabled = false
