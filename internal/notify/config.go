package notify

import (
	"fmt"
	netmail "net/mail"
	"os"
	"strings"
)

// EnvSupportAddress names the environment variable of
// Config.SupportAddress; email in reads the same one.
const EnvSupportAddress = "SUPPORT_ADDRESS"

// Config is what the ticket mails need beyond the app's settings. The zero
// value means the defaults.
type Config struct {
	// SupportAddress is the Reply-To of every mail about a ticket: the
	// mailbox that email in reads, so that a reply lands on the ticket.
	// Default: the sender address of Dashboard → Settings → Mail.
	SupportAddress string
}

// ConfigFromEnv reads Config from the environment (SUPPORT_ADDRESS).
func ConfigFromEnv() (Config, error) {
	return configFrom(os.Getenv)
}

func configFrom(getenv func(string) string) (Config, error) {
	var cfg Config
	if v := strings.TrimSpace(getenv(EnvSupportAddress)); v != "" {
		a, err := netmail.ParseAddress(v)
		if err != nil {
			return cfg, fmt.Errorf("%s=%q is not an email address: %w", EnvSupportAddress, v, err)
		}
		cfg.SupportAddress = a.Address
	}
	return cfg, nil
}

// replyTo is the Reply-To of ticket mails: the support address, else the
// sender address, under the sender name; "" when neither is set.
func (c Config) replyTo(senderName, senderAddress string) string {
	addr := c.SupportAddress
	if addr == "" {
		addr = senderAddress
	}
	if addr == "" {
		return ""
	}
	return (&netmail.Address{Name: senderName, Address: addr}).String()
}
