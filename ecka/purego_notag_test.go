//go:build !purego

package ecka

// pureGoBuild reports the purego build tag, which also turns off the
// assembly of the standard library's crypto packages.
const pureGoBuild = false
