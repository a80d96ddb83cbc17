// Package hooks binds PocketBase events to the helpdesk's internal packages.
// Each file binds one concern; Setup is the one place that wires them all,
// for main.go, every test app and the benchmarks alike.
package hooks

import (
	"io/fs"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/internal/assign"
	"helpdesk/internal/inbox"
	"helpdesk/internal/mail"
	"helpdesk/internal/notify"
	"helpdesk/internal/security"
	"helpdesk/internal/sla"
	"helpdesk/internal/triage"
)

// Config is what Setup needs. The zero value is a working appliance with
// the defaults of each part and no portal or API docs.
type Config struct {
	// Mail configures the outbox sender.
	Mail mail.Config

	// Notify configures the ticket mails (their Reply-To).
	Notify notify.Config

	// Triage configures the triage pipeline.
	Triage triage.Config

	// Routing configures who tickets go to, in the triage, handovers and
	// rebalances (ROUTING_SLACK).
	Routing assign.Config

	// Inbox configures the mail-in poller; without a URL there is none.
	Inbox inbox.Config

	// Security holds the resource limits (body sizes, realtime
	// connections, ticket creation, logins).
	Security security.Config

	// Portal is the web portal served at the site root (pb_public); nil
	// serves none.
	Portal fs.FS

	// OpenAPI is the API document served at /api/docs; nil serves none.
	OpenAPI []byte

	// SearchIndexOff stops keeping the full-text index in step with
	// ticket and comment writes, to measure what the index costs; search
	// then reads a stale index until `helpdesk search reindex`.
	SearchIndexOff bool

	// Clock is the time of the login lock; nil is time.Now. For tests.
	Clock func() time.Time

	// Manual keeps the background workers (triage pool, mail sender, SLA
	// cron job) from starting when the app serves, so that a test starts
	// them itself and no job runs behind its back.
	Manual bool
}

// Services are the background workers Setup made, for tests and commands
// that run them without serving.
type Services struct {
	Triage *triage.Pool
	Mail   *mail.Sender
	SLA    *sla.Watcher
	// Inbox reads the support mailbox; nil without IMAP_URL.
	Inbox *inbox.Poller
}

// Setup binds every hook, route and background worker of the helpdesk to
// app. It must run once, before the app starts.
func Setup(app core.App, cfg Config) (*Services, error) {
	bindUsers(app)
	bindTickets(app, cfg.Security)
	bindTicketListScope(app)
	bindStaffOnlyFields(app)
	bindSecurity(app, cfg.Security)
	bindRealtimeLimit(app, cfg.Security)
	bindLogins(app, cfg.Security, cfg.Clock)
	bindJSONBodyCheck(app)
	bindPresence(app)
	bindStats(app)
	bindHistory(app)
	bindSearch(app, cfg.SearchIndexOff)
	bindComments(app)
	bindRouting(app, cfg.Routing)
	bindAccess(app)
	bindDisplayNames(app)

	sender := bindMail(app, cfg.Mail, cfg.Notify)
	cfg.Triage.Routing = cfg.Routing
	pool, err := bindTriage(app, cfg.Triage)
	if err != nil {
		return nil, err
	}
	poller, err := bindInbox(app, cfg.Inbox)
	if err != nil {
		return nil, err
	}
	svc := &Services{Triage: pool, Mail: sender, SLA: bindSLA(app, !cfg.Manual), Inbox: poller}
	bindWorkers(app, svc, !cfg.Manual)

	table, err := Routes(cfg.OpenAPI)
	if err != nil {
		return nil, err
	}
	bindRoutes(app, table)
	if cfg.Portal != nil {
		servePortal(app, cfg.Portal)
	}
	return svc, nil
}

// bindWorkers runs the background workers while the app serves: they
// start on serve when autostart is set (resuming what a previous run left)
// and stop on terminate however they were started, before the database
// closes under them.
func bindWorkers(app core.App, svc *Services, autostart bool) {
	if autostart {
		app.OnServe().BindFunc(func(e *core.ServeEvent) error {
			svc.Triage.Start()
			svc.Mail.Start()
			if svc.Inbox != nil {
				svc.Inbox.Start()
			}
			return e.Next()
		})
	}
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		svc.Triage.Stop()
		svc.Mail.Stop()
		svc.SLA.Stop()
		if svc.Inbox != nil {
			svc.Inbox.Stop()
		}
		return e.Next()
	})
}
