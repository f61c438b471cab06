package rspcert

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
)

const cacheShards = 16

// Cache remembers verified intermediate certificates (CERT.EUM) so that a
// known one costs no parse and no signature check. Entries are keyed by a
// seeded hash of the certificate bytes; a hit compares the full bytes and
// requires the issuing CI to still be the store's anchor for its PKID, so a
// hash collision or a changed store can never pass an unverified
// certificate. An entry expires at the certificate's notAfter or MaxTTL after
// it was verified, whichever comes first, and the cache holds at most
// MaxEntries (least recently used entries are evicted first, per shard).
//
// After HotAfter uses an entry's key gets a precomputed ecdsa.Verifier (a
// one-time table build), which makes the CERT.EUICC signature check several
// times cheaper; at most MaxHot entries hold one at a time (a table is a few
// hundred KiB), and an evicted entry gives its slot back. Memory: per entry
// the certificate bytes, its view and the public key (about 2 KiB); per hot
// entry the Verifier's table.
//
// A Cache is safe for concurrent use and may be shared by several stores and
// goroutines. Lookups allocate nothing.
type Cache struct {
	seed     maphash.Seed
	maxTTL   time.Duration
	hotAfter uint32
	shards   [cacheShards]cacheShard
	maxHot   int32
	hotN     atomic.Int32 // hot slots in use
	hits     atomic.Uint64
	misses   atomic.Uint64
}

type cacheShard struct {
	mu         sync.Mutex
	m          map[uint64]*cacheEntry
	head, tail *cacheEntry // most recently used first
	max        int
}

type cacheEntry struct {
	hash       uint64
	der        []byte
	ci         *TrustAnchor
	cert       Certificate // a view over der
	notBefore  time.Time
	expires    time.Time
	pk         *ecdsa.PublicKey
	hot        atomic.Pointer[ecdsa.Verifier]
	uses       atomic.Uint32
	tried      atomic.Bool // a hot slot was asked for (once per entry)
	slot       atomic.Bool // the entry holds one of the cache's hot slots
	evicted    atomic.Bool
	prev, next *cacheEntry
}

// CacheConfig configures [NewCache]. Zero fields take the defaults.
type CacheConfig struct {
	MaxEntries int           // default 1024 (rounded up to a multiple of 16)
	MaxTTL     time.Duration // default 24h
	HotAfter   uint32        // uses before a key gets a precomputed Verifier; default 2
	MaxHot     int           // entries holding a precomputed Verifier at once; default 16
}

// NewCache returns an empty cache.
func NewCache(cfg CacheConfig) *Cache {
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = 1024
	}
	if cfg.MaxTTL <= 0 {
		cfg.MaxTTL = 24 * time.Hour
	}
	if cfg.HotAfter == 0 {
		cfg.HotAfter = 2
	}
	if cfg.MaxHot <= 0 {
		cfg.MaxHot = 16
	}
	c := &Cache{seed: maphash.MakeSeed(), maxTTL: cfg.MaxTTL, hotAfter: cfg.HotAfter, maxHot: int32(min(cfg.MaxHot, 1<<30))}
	per := (cfg.MaxEntries + cacheShards - 1) / cacheShards
	for i := range c.shards {
		c.shards[i].m = make(map[uint64]*cacheEntry)
		c.shards[i].max = per
	}
	return c
}

// Len returns the number of entries.
func (c *Cache) Len() int {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		n += len(s.m)
		s.mu.Unlock()
	}
	return n
}

// Stats returns the number of hits and misses so far.
func (c *Cache) Stats() (hits, misses uint64) { return c.hits.Load(), c.misses.Load() }

// Hot returns the number of entries holding a precomputed Verifier.
func (c *Cache) Hot() int { return int(c.hotN.Load()) }

// Clear drops every entry.
func (c *Cache) Clear() {
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		for _, e := range s.m {
			c.evict(e)
		}
		clear(s.m)
		s.head, s.tail = nil, nil
		s.mu.Unlock()
	}
}

// lookup returns the live entry for der, or nil.
func (c *Cache) lookup(der []byte, now time.Time) *cacheEntry {
	h := maphash.Bytes(c.seed, der)
	s := &c.shards[h%cacheShards]
	s.mu.Lock()
	e := s.m[h]
	if e == nil || string(e.der) != string(der) {
		s.mu.Unlock()
		c.misses.Add(1)
		return nil
	}
	if now.After(e.expires) {
		s.remove(c, e)
		s.mu.Unlock()
		c.misses.Add(1)
		return nil
	}
	if now.Before(e.notBefore) {
		s.mu.Unlock()
		c.misses.Add(1)
		return nil
	}
	s.toFront(e)
	s.mu.Unlock()
	c.hits.Add(1)
	return e
}

// insert adds a certificate verified at now under ci; cert is its view (over
// the caller's bytes) and pk its key.
func (c *Cache) insert(der []byte, ci *TrustAnchor, cert *Certificate, pk *ecdsa.PublicKey, now time.Time) {
	e := &cacheEntry{der: append([]byte(nil), der...), ci: ci, pk: pk, notBefore: cert.NotBefore}
	if Parse(&e.cert, e.der) != nil {
		return // cannot happen: the same bytes parsed a moment ago
	}
	e.expires = cert.NotAfter
	if lim := now.Add(c.maxTTL); lim.Before(e.expires) {
		e.expires = lim
	}
	e.hash = maphash.Bytes(c.seed, e.der)
	s := &c.shards[e.hash%cacheShards]
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.m[e.hash]; old != nil {
		s.remove(c, old)
	}
	s.m[e.hash] = e
	s.pushFront(e)
	for len(s.m) > s.max {
		s.remove(c, s.tail)
	}
}

// key returns the verification key of the entry, handing it to a precomputed
// Verifier once it is hot and a hot slot is free.
func (c *Cache) key(e *cacheEntry) sigKey {
	if v := e.hot.Load(); v != nil {
		return hotKey(v)
	}
	if e.uses.Add(1) < c.hotAfter || e.tried.Load() || !e.tried.CompareAndSwap(false, true) {
		return plainKey(e.pk)
	}
	if c.hotN.Add(1) > c.maxHot {
		c.hotN.Add(-1)
		return plainKey(e.pk)
	}
	e.slot.Store(true)
	v := ecdsa.NewVerifier(e.pk)
	e.hot.Store(v)
	if e.evicted.Load() {
		c.release(e)
	}
	return hotKey(v)
}

// evict marks an entry gone and gives back its hot slot.
func (c *Cache) evict(e *cacheEntry) {
	e.evicted.Store(true)
	c.release(e)
}

func (c *Cache) release(e *cacheEntry) {
	if e.slot.CompareAndSwap(true, false) {
		c.hotN.Add(-1)
	}
}

func (s *cacheShard) pushFront(e *cacheEntry) {
	e.prev, e.next = nil, s.head
	if s.head != nil {
		s.head.prev = e
	}
	s.head = e
	if s.tail == nil {
		s.tail = e
	}
}

func (s *cacheShard) unlink(e *cacheEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (s *cacheShard) toFront(e *cacheEntry) {
	if s.head == e {
		return
	}
	s.unlink(e)
	s.pushFront(e)
}

func (s *cacheShard) remove(c *Cache, e *cacheEntry) {
	s.unlink(e)
	if s.m[e.hash] == e {
		delete(s.m, e.hash)
	}
	c.evict(e)
}
