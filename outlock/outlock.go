// Package outlock lets one run at a time write an output folder. The lock
// is a small file beside the folder (not in it, so that swapping a staged
// folder into place cannot move it) naming the holder: process id, host
// and start time, so that a second run can say who holds it. A lock left
// by a process of this host that no longer exists is stale and taken over.
package outlock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrHeld is wrapped by the error of Acquire when another run holds the
// lock.
var ErrHeld = errors.New("output folder in use by another run")

// Holder is what a lock file says.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
}

// Path is the lock file of the output folder dir.
func Path(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".sendrecon.lock")
}

// Lock is a held lock.
type Lock struct{ path string }

// Acquire takes the lock of dir, creating dir's parent folder if needed.
// When a live process holds it, the error wraps ErrHeld and names the
// holder and the lock file.
func Acquire(dir string) (*Lock, error) {
	path := Path(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	me, err := json.Marshal(Holder{PID: os.Getpid(), Host: host, Started: time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return nil, err
	}
	for range 2 {
		err := create(path, me)
		if err == nil {
			return &Lock{path: path}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		h, readErr := read(path)
		if readErr == nil && (h.Host != host || alive(h.PID)) {
			return nil, fmt.Errorf("%w: %s is being written by process %d on %s since %s (lock %s; remove it if that run is gone)",
				ErrHeld, dir, h.PID, h.Host, h.Started.Format(time.RFC3339), path)
		}
		if readErr != nil && !errors.Is(readErr, fs.ErrNotExist) && fresh(path) {
			// Being written by its holder this very moment.
			return nil, fmt.Errorf("%w: %s is being locked by another run (lock %s)", ErrHeld, dir, path)
		}
		// Stale: its holder is gone (or the file is damaged and old).
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("removing stale lock %s: %w", path, err)
		}
	}
	return nil, fmt.Errorf("%w: %s: lost the race for its lock %s", ErrHeld, dir, path)
}

// Release removes the lock file; it is safe to call more than once.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	err := os.Remove(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func create(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(append(content, '\n'))
	return errors.Join(err, f.Close())
}

func read(path string) (Holder, error) {
	var h Holder
	b, err := os.ReadFile(path)
	if err != nil {
		return h, err
	}
	if err := json.Unmarshal(b, &h); err != nil || h.PID <= 0 {
		return h, fmt.Errorf("lock %s: damaged", path)
	}
	return h, nil
}

// fresh says whether the file was written in the last few seconds.
func fresh(path string) bool {
	st, err := os.Stat(path)
	return err == nil && time.Since(st.ModTime()) < 5*time.Second
}
