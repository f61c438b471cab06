//go:build !linux

package scp03t

func threadCPU() int64 { return -1 }
