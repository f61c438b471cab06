package euicc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Store keeps an eUICC's State across power cycles. Commit must be atomic:
// after it returns, Load returns either the new state or (on error) the old
// one, never a mix. The EUICC serialises its calls.
type Store interface {
	// Load returns the last committed state, or nil (and no error) when
	// nothing was ever committed.
	Load() ([]byte, error)
	// Commit replaces the state atomically.
	Commit(state []byte) error
}

// MemoryStore is the default Store: the state in memory. The zero value is
// empty and ready; it is safe for concurrent use.
type MemoryStore struct {
	mu    sync.Mutex
	state []byte
	// FailCommit, when set, makes Commit fail with it (for tests of the
	// all-or-nothing rule).
	FailCommit error
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

// Load returns a copy of the committed state.
func (m *MemoryStore) Load() ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.state == nil {
		return nil, nil
	}
	return append([]byte(nil), m.state...), nil
}

// Commit replaces the state with a copy of state.
func (m *MemoryStore) Commit(state []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.FailCommit != nil {
		return m.FailCommit
	}
	m.state = append([]byte(nil), state...)
	return nil
}

// FileStore keeps the state in one file, replaced atomically on each commit:
// the new state is written to a temporary file in the same directory, synced,
// renamed over the old file, and the directory is synced (write-new, fsync,
// rename). A crash leaves either the old or the new file. The file holds no
// key (the ECASD is not part of State) but does hold the profiles: protect it
// like the card's memory.
type FileStore struct {
	Path string
}

// NewFileStore returns a FileStore for path.
func NewFileStore(path string) *FileStore { return &FileStore{Path: path} }

// Load reads the file; a missing file is an empty state.
func (f *FileStore) Load() ([]byte, error) {
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// Commit writes state atomically.
func (f *FileStore) Commit(state []byte) (err error) {
	dir := filepath.Dir(f.Path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("euicc: file store: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(state); err != nil {
		return fmt.Errorf("euicc: file store: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("euicc: file store: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("euicc: file store: %w", err)
	}
	if err = os.Rename(tmp.Name(), f.Path); err != nil {
		return fmt.Errorf("euicc: file store: %w", err)
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync() // best effort: not every platform can sync a directory
		d.Close()
	}
	return nil
}
