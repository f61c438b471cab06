//go:build !amd64 || purego

package field

// divstepsBatch runs one batch of hddivsteps; see divstepsBatchGo.
func divstepsBatch(zeta int64, f, g uint64, n uint) (z, u, v, q, r, fw int64) {
	return divstepsBatchGo(zeta, f, g, n)
}

// updateFG applies a batch matrix to f and g; see updateFGGo.
func updateFG(f, g *s62, u, v, q, r int64) { updateFGGo(f, g, u, v, q, r) }

// updateDE applies a batch matrix to d and e; see updateDEGo.
func updateDE(d, e *s62, u, v, q, r int64, mod *invModulus) { updateDEGo(d, e, u, v, q, r, mod) }

// updateD applies the first row of a batch matrix to d; see updateDGo.
func updateD(d, e *s62, u, v int64, mod *invModulus) { updateDGo(d, e, u, v, mod) }
