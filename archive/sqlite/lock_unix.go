//go:build unix

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockPoll is how often a writer waiting for the lock tries again: short
// next to a person's patience, long next to the cost of a try.
const lockPoll = 50 * time.Millisecond

// lockFile takes an exclusive flock on name, creating it, waiting up to
// timeout. The kernel releases the lock when the process exits, however
// it exits, so a killed writer never leaves a stale lock.
func lockFile(name string, timeout time.Duration) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", name, err)
		}
		if !time.Now().Before(deadline) {
			f.Close()
			if timeout > 0 {
				return nil, fmt.Errorf("%w (waited %v; see --lock-timeout)", ErrLocked, timeout)
			}
			return nil, fmt.Errorf("%w (wait for it with --lock-timeout)", ErrLocked)
		}
		time.Sleep(min(lockPoll, time.Until(deadline)))
	}
}
