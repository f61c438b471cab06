//go:build !linux

package ecdsa

import "testing"

// cpuTimer reports nothing outside Linux (see cputime_linux_test.go).
func cpuTimer(b *testing.B) func() { return func() {} }
