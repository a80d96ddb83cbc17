package security

import (
	"errors"
	"sync"

	"helpdesk/internal/config"
)

// Defaults of the realtime connection limits. Each SSE connection holds a
// file descriptor and a goroutine for as long as it is open; about 20,000
// exhausted the descriptors and took health checks and logins down.
const (
	DefaultRealtimeMaxConnections = 5000
	DefaultRealtimeMaxPerIP       = 50
)

// Errors of Connections.Open.
var (
	ErrTooManyFromIP      = errors.New("too many realtime connections from this address")
	ErrTooManyConnections = errors.New("too many realtime connections")
)

// Connections counts open realtime connections, in total and per client
// address, and refuses those past the limits.
type Connections struct {
	max, maxPerIP int

	mu    sync.Mutex
	total int
	perIP map[string]int
}

// NewConnections returns a counter with the limits of cfg.
func NewConnections(cfg Config) *Connections {
	c := &Connections{max: cfg.RealtimeMaxConnections, maxPerIP: cfg.RealtimeMaxPerIP, perIP: map[string]int{}}
	config.Default(&c.max, DefaultRealtimeMaxConnections)
	config.Default(&c.maxPerIP, DefaultRealtimeMaxPerIP)
	return c
}

// Open counts a new connection from ip and returns the function that
// uncounts it when it closes, or an error when a limit is reached.
func (c *Connections) Open(ip string) (func(), error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.perIP[ip] >= c.maxPerIP {
		return nil, ErrTooManyFromIP
	}
	if c.total >= c.max {
		return nil, ErrTooManyConnections
	}
	c.total++
	c.perIP[ip]++
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.total--
			if c.perIP[ip]--; c.perIP[ip] <= 0 {
				delete(c.perIP, ip) // the map holds open addresses only
			}
		})
	}, nil
}
