//go:build !amd64 || purego

package field

// divstepsBatch runs one batch of hddivsteps; see divstepsBatchGo.
func divstepsBatch(zeta int64, f, g uint64, n uint) (z, u, v, q, r, fw int64) {
	return divstepsBatchGo(zeta, f, g, n)
}
