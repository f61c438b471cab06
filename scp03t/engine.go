package scp03t

import (
	"encoding/binary"
	"unsafe"
)

// The protect engine. Each job (one session, one tag, one plaintext) has
// two chains:
//
//   - E, the CBC encryption of segment k: the plaintext is copied into the
//     output with its padding and encrypted in place, chained from
//     ICV = AES(S-ENC, counter);
//   - M, the CMAC of segment k over MCV ‖ tag ‖ L ‖ ciphertext, which can
//     start once E has finished segment k and which yields the MCV of k+1.
//
// E of segment k+1 and M of segment k are independent, and so are the chains
// of different sessions: the engine keeps up to eight of them in flight and
// advances them together with runLanes, so that the AES pipeline is full
// instead of waiting on one chain's latency. The final CMAC block is followed
// by a zero block, so the same lane computes both the CMAC T of segment k
// and E(S-MAC, T), the state after the MCV block of segment k+1.

type jobState struct {
	s            *Session
	pt, out      []byte
	tag          byte
	maxPT, nseg  int
	ctr0         uint64
	eNext, mNext int // segments finished by E, by M
	eRun, mRun   bool
	primed       bool // s.mx holds the CMAC state after the MCV block of mNext
}

func (st *jobState) init(s *Session, tag byte, pt, out []byte) {
	*st = jobState{s: s, tag: tag, pt: pt, out: out, maxPT: maxPlaintext(tag),
		nseg: Segments(tag, len(pt)), ctr0: s.counter}
	if tag == Tag88 {
		for k := 0; k < st.nseg; k++ {
			p, o, hlen, dlen := st.seg(k)
			putHeader(o, tag, dlen+MACSize)
			copy(o[hlen:], p)
		}
		st.eNext = st.nseg
	}
}

// seg returns segment k's plaintext, its output span, header and data size.
func (st *jobState) seg(k int) (p, o []byte, hlen, dlen int) {
	off := k * st.maxPT
	p = st.pt[off:min(off+st.maxPT, len(st.pt))]
	dlen = len(p)
	if st.tag != Tag88 {
		dlen = dlen&^15 + 16
	}
	hlen = headerLen(dlen + MACSize)
	base := k * MaxSegmentSize
	return p, st.out[base : base+hlen+dlen+MACSize], hlen, dlen
}

type slot struct {
	st   *jobState
	mac  bool // M chain (else E)
	tail bool // M chain in its final two blocks
	rem  int  // blocks left in the current piece
}

type engine struct {
	lanes  [wideLanes]lane
	slots  [wideLanes]slot
	n      int
	keys   packedKeys           // for the VAES kernel
	packed [wideLanes]*schedule // the schedule in each column of keys
}

// capacity is how many chains the engine keeps in flight: sixteen with the
// VAES kernel (two per YMM register), eight otherwise.
func capacity() int {
	if haveVAES {
		return wideLanes
	}
	return maxLanes
}

// step advances every active lane by n blocks.
func (e *engine) step(n int) {
	k := e.n
	if !haveVAES || k <= maxLanes {
		runLanes(e.lanes[:k], n)
		return
	}
	if k%2 == 1 {
		// Pad to a pair with a copy of lane 0 whose outputs go to its
		// session's sink.
		e.lanes[k] = e.lanes[0]
		e.lanes[k].dst = unsafe.Pointer(&e.slots[0].st.s.sink)
		e.lanes[k].mask = 0
		k++
	}
	for i := 0; i < k; i++ {
		if ks := e.lanes[i].ks; e.packed[i] != ks {
			e.keys.setColumn(i, ks)
			e.packed[i] = ks
		}
	}
	lanesWideAsm(e.lanes[:k], &e.keys, n)
}

func (e *engine) run(jobs []ProtectJob) {
	first := 0
	limit := capacity()
	for {
		for i := first; i < len(jobs) && e.n < limit; i++ {
			st := &jobs[i].st
			if st.mNext == st.nseg {
				if i == first {
					first++
				}
				continue
			}
			if !st.mRun && st.mNext < st.eNext {
				e.startM(e.n, st)
				e.n++
			}
			if !st.eRun && st.eNext < st.nseg && e.n < limit {
				e.startE(e.n, st)
				e.n++
			}
		}
		if e.n == 0 {
			clear(e.lanes[:]) // chaining values
			return
		}
		n := e.slots[0].rem
		for i := 1; i < e.n; i++ {
			n = min(n, e.slots[i].rem)
		}
		e.step(n)
		for i := 0; i < e.n; {
			sl, ln := &e.slots[i], &e.lanes[i]
			sl.rem -= n
			if sl.rem > 0 {
				ln.src = unsafe.Add(ln.src, 16*n)
				ln.dst = unsafe.Add(ln.dst, uintptr(16*n)&ln.mask)
				i++
				continue
			}
			if e.next(i) {
				i++
				continue
			}
			e.n--
			e.lanes[i], e.slots[i] = e.lanes[e.n], e.slots[e.n]
		}
	}
}

// next moves slot i on after its piece ended; false frees the slot.
func (e *engine) next(i int) bool {
	sl := &e.slots[i]
	st := sl.st
	if !sl.mac {
		st.eNext++
		st.eRun = false
		if st.eNext < st.nseg {
			e.startE(i, st)
			return true
		}
		return false
	}
	if !sl.tail {
		e.setTail(i)
		return true
	}
	s := st.s
	_, o, hlen, dlen := st.seg(st.mNext)
	copy(o[hlen+dlen:], s.tout[:MACSize])
	s.mcv = [16]byte(s.tout[:16])
	s.mx = [16]byte(s.tout[16:])
	st.mNext++
	st.mRun = false
	if st.mNext == st.nseg {
		s.counter = st.ctr0 + uint64(st.nseg)
		s.wipeScratch()
		return false
	}
	if st.mNext < st.eNext {
		e.startM(i, st)
		return true
	}
	return false
}

func (e *engine) startE(i int, st *jobState) {
	s := st.s
	p, o, hlen, dlen := st.seg(st.eNext)
	putHeader(o, st.tag, dlen+MACSize)
	data := o[hlen : hlen+dlen]
	copy(data, p)
	data[len(p)] = 0x80
	clear(data[len(p)+1:])
	binary.BigEndian.PutUint64(s.ctr[8:], st.ctr0+uint64(st.eNext))
	ln := &e.lanes[i]
	ln.ks = &s.enc
	encryptBlock(&s.enc, &ln.x, &s.ctr) // ICV
	ln.src = unsafe.Pointer(unsafe.SliceData(data))
	ln.dst = ln.src
	ln.mask = ^uintptr(0)
	e.slots[i] = slot{st: st, rem: dlen / 16}
	st.eRun = true
}

func (e *engine) startM(i int, st *jobState) {
	s := st.s
	_, o, hlen, dlen := st.seg(st.mNext)
	if !st.primed {
		encryptBlock(&s.mac, &s.mx, &s.mcv)
		st.primed = true
	}
	msg := o[:hlen+dlen]
	nb, last := cmacSplit(msg)
	s.cmacLast(&s.tail, last)
	ln := &e.lanes[i]
	ln.ks = &s.mac
	ln.x = s.mx
	st.mRun = true
	e.slots[i] = slot{st: st, mac: true, rem: nb}
	if nb == 0 {
		e.setTail(i)
		return
	}
	ln.src = unsafe.Pointer(unsafe.SliceData(msg))
	ln.dst = unsafe.Pointer(&s.sink)
	ln.mask = 0
}

func (e *engine) setTail(i int) {
	s := e.slots[i].st.s
	ln := &e.lanes[i]
	ln.src = unsafe.Pointer(&s.tail)
	ln.dst = unsafe.Pointer(&s.tout)
	ln.mask = ^uintptr(0)
	e.slots[i].tail = true
	e.slots[i].rem = 2
}

// ProtectJob is one request of a ProtectLanes batch: AppendProtectAll of
// Plaintext under Tag with Session, appended to Dst.
type ProtectJob struct {
	Session   *Session
	Tag       byte
	Plaintext []byte
	Dst       []byte // in: the buffer to append to; out: it with the segments appended
	Err       error  // out

	st jobState
}

// ProtectLanes runs AppendProtectAll for every job, advancing up to eight
// independent AES chains (the CBC and CMAC chains of several sessions) at
// once, or sixteen where the CPU has VAES. Each job's result is exactly what AppendProtectAll would give; a job
// whose Session is nil, destroyed, or already used by an earlier job of the
// batch, or whose Tag is invalid, gets Err and is skipped. It allocates
// nothing when every Dst has the capacity for ProtectedLen more bytes.
func ProtectLanes(jobs []ProtectJob) {
	for i := range jobs {
		j := &jobs[i]
		j.st = jobState{}
		switch {
		case j.Session == nil || !j.Session.ready:
			j.Err = ErrSessionDestroyed
		case !validTag(j.Tag):
			j.Err = ErrInvalidTag
		case j.Session.busy:
			j.Err = ErrSessionInUseTwice
		default:
			j.Err = nil
		}
		if j.Err != nil {
			continue
		}
		j.Session.busy = true
		var out []byte
		j.Dst, out = grow(j.Dst, ProtectedLen(j.Tag, len(j.Plaintext)))
		j.st.init(j.Session, j.Tag, j.Plaintext, out)
	}
	var e engine
	e.run(jobs)
	clear(e.keys[:])
	for i := range jobs {
		if jobs[i].Err == nil {
			jobs[i].Session.busy = false
		}
		jobs[i].st = jobState{}
	}
}
