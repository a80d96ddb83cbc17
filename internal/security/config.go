package security

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config holds the appliance's resource and login limits. The zero value of every
// field means its documented default (docs/security.md).
type Config struct {
	// MaxBody is the body limit in bytes of a request that is not a record
	// write (HELPDESK_MAX_BODY). Default DefaultMaxBody (64 KiB).
	MaxBody int64

	// RealtimeMaxConnections caps the open realtime (SSE) connections;
	// past it a new one gets 503 (REALTIME_MAX_CONNECTIONS). Default
	// DefaultRealtimeMaxConnections (5,000).
	RealtimeMaxConnections int

	// RealtimeMaxPerIP caps the open realtime connections of one client
	// address; past it a new one gets 429 (REALTIME_MAX_PER_IP). Default
	// DefaultRealtimeMaxPerIP (50).
	RealtimeMaxPerIP int

	// TicketsPerUserPerHour caps the tickets a plain user (not staff) may
	// create in an hour; past it a create gets 429
	// (TICKETS_PER_USER_PER_HOUR). Default ticket.DefaultCreatedPerHour (20).
	TicketsPerUserPerHour int

	// LoginLockAfter is how many failed password logins in a row lock an
	// account (LOGIN_LOCK_AFTER). Default DefaultLoginLockAfter (5).
	LoginLockAfter int

	// LoginLockBase is the first lock; each further failure doubles it
	// (LOGIN_LOCK_BASE). Default DefaultLoginLockBase (1m).
	LoginLockBase time.Duration

	// LoginLockMax caps a lock (LOGIN_LOCK_MAX). Default
	// DefaultLoginLockMax (1h).
	LoginLockMax time.Duration
}

// ConfigFromEnv reads the limits from the environment. Unset variables
// keep their defaults; a malformed value is an error naming it.
func ConfigFromEnv() (Config, error) {
	var c Config
	var errs []error
	intVar := func(name string, dst any) {
		if v, ok := os.LookupEnv(name); ok && v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				errs = append(errs, fmt.Errorf("%s=%q: must be a whole number of at least 1", name, v))
				return
			}
			switch d := dst.(type) {
			case *int64:
				*d = n
			case *int:
				*d = int(n)
			}
		}
	}
	durationVar := func(name string, dst *time.Duration) {
		if v, ok := os.LookupEnv(name); ok && v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				errs = append(errs, fmt.Errorf("%s=%q: must be a positive duration such as 30s or 1h", name, v))
				return
			}
			*dst = d
		}
	}
	intVar("HELPDESK_MAX_BODY", &c.MaxBody)
	intVar("REALTIME_MAX_CONNECTIONS", &c.RealtimeMaxConnections)
	intVar("REALTIME_MAX_PER_IP", &c.RealtimeMaxPerIP)
	intVar("TICKETS_PER_USER_PER_HOUR", &c.TicketsPerUserPerHour)
	intVar("LOGIN_LOCK_AFTER", &c.LoginLockAfter)
	durationVar("LOGIN_LOCK_BASE", &c.LoginLockBase)
	durationVar("LOGIN_LOCK_MAX", &c.LoginLockMax)
	if len(errs) > 0 {
		return Config{}, fmt.Errorf("security: invalid configuration: %w", errors.Join(errs...))
	}
	return c, nil
}
