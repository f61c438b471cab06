//go:build !race

package ecasd

const raceEnabled = false
