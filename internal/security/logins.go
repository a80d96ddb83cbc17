package security

import (
	"strings"
	"sync"
	"time"

	"helpdesk/internal/config"
)

// Defaults of the per-account login lock.
const (
	DefaultLoginLockAfter = 5
	DefaultLoginLockBase  = time.Minute
	DefaultLoginLockMax   = time.Hour
)

// loginForget is how long an account's failures are remembered after the
// last one.
const loginForget = 24 * time.Hour

// loginsTracked bounds the accounts remembered at once; past it, failures
// of accounts not yet tracked are not counted (the per-address rate limit
// still applies) rather than memory growing with every guessed name.
const loginsTracked = 100_000

// Logins locks an account, not an address, after repeated failed
// password logins: after LockAfter failures in a row each further
// failure locks it for twice as long as the previous one, from LockBase
// up to LockMax. A success clears it. The lock holds whatever address
// the guesses come from, and other accounts behind the same address are
// not touched.
type Logins struct {
	after     int
	base, max time.Duration
	now       func() time.Time

	mu         sync.Mutex
	accounts   map[string]*loginState
	lastPruned time.Time
}

type loginState struct {
	failures    int
	lockedUntil time.Time
	last        time.Time
}

// NewLogins returns the lock with the limits of cfg; now is the clock
// (time.Now when nil).
func NewLogins(cfg Config, now func() time.Time) *Logins {
	l := &Logins{after: cfg.LoginLockAfter, base: cfg.LoginLockBase, max: cfg.LoginLockMax, now: now, accounts: map[string]*loginState{}}
	config.Default(&l.after, DefaultLoginLockAfter)
	config.Default(&l.base, DefaultLoginLockBase)
	config.Default(&l.max, DefaultLoginLockMax)
	if l.now == nil {
		l.now = time.Now
	}
	return l
}

// LoginKey names an account: its record id when the identity was found,
// else the identity as typed (an unknown name locks as a known one does,
// so that the lock does not tell which accounts exist).
func LoginKey(collectionID, recordID, identity string) string {
	if recordID != "" {
		return collectionID + "/" + recordID
	}
	return collectionID + "?" + strings.ToLower(strings.TrimSpace(identity))
}

// Locked returns how long the account stays locked (0: it may try).
func (l *Logins) Locked(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.accounts[key]
	if s == nil {
		return 0
	}
	return max(s.lockedUntil.Sub(l.now()), 0)
}

// Failed counts a failed login of the account and locks it once it has
// failed LockAfter times in a row.
func (l *Logins) Failed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	s := l.accounts[key]
	if s != nil && now.Sub(s.last) > loginForget {
		s = nil
	}
	if s == nil {
		if len(l.accounts) >= loginsTracked && !l.prune(now) {
			return
		}
		s = &loginState{}
		l.accounts[key] = s
	}
	s.failures++
	s.last = now
	if n := s.failures - l.after; n >= 0 {
		lock := l.max
		if n < 30 && l.base<<n < l.max {
			lock = l.base << n
		}
		s.lockedUntil = now.Add(lock)
	}
}

// Succeeded clears the account's failures.
func (l *Logins) Succeeded(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.accounts, key)
}

// prune forgets the accounts neither locked nor failed lately, at most
// once a minute, and reports whether there is room again.
func (l *Logins) prune(now time.Time) bool {
	if now.Sub(l.lastPruned) > time.Minute {
		l.lastPruned = now
		for k, s := range l.accounts {
			if now.After(s.lockedUntil) && now.Sub(s.last) > l.max {
				delete(l.accounts, k)
			}
		}
	}
	return len(l.accounts) < loginsTracked
}
