package hooks

import (
	"errors"
	"os"

	"helpdesk/internal/assign"
	"helpdesk/internal/inbox"
	"helpdesk/internal/notify"
	"helpdesk/internal/security"
	"helpdesk/internal/triage"
)

// ConfigFromEnv reads every part's configuration from the environment
// (docs/configuration.md); a malformed value is an error naming its
// variable. Portal and OpenAPI are the caller's to set.
func ConfigFromEnv() (Config, error) {
	var cfg Config
	var errs []error
	var err error
	if cfg.Triage, err = triage.ConfigFromEnv(); err != nil {
		errs = append(errs, err)
	}
	if cfg.Security, err = security.ConfigFromEnv(); err != nil {
		errs = append(errs, err)
	}
	if cfg.Notify, err = notify.ConfigFromEnv(); err != nil {
		errs = append(errs, err)
	}
	if cfg.Inbox, err = inbox.ConfigFromEnv(); err != nil {
		errs = append(errs, err)
	}
	// one address for the Reply-To of ticket mails and the mailbox read
	cfg.Inbox.SupportAddress = cfg.Notify.SupportAddress
	// for measuring what the search index costs (docs/BENCHMARKS.md)
	cfg.SearchIndexOff = os.Getenv("SEARCH_INDEX") == "off"
	if cfg.Routing, err = assign.ConfigFromEnv(); err != nil {
		errs = append(errs, err)
	}
	return cfg, errors.Join(errs...)
}
