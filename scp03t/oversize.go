package scp03t

// AppendUnprotectOversize is AppendUnprotect with the segment size limit
// raised from MaxSegmentSize (1020 bytes, RSP-FACTS §4.4) to maxSize. It is
// for tools that read non-conforming packages (pySim's demo BPP carries
// 1036-byte 86 segments); an eUICC model uses AppendUnprotect.
func (s *Session) AppendUnprotectOversize(dst, segment []byte, maxSize int) (out []byte, tag byte, err error) {
	return s.appendUnprotect(dst, segment, max(maxSize, MaxSegmentSize))
}
