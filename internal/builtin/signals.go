package builtin

// category groups priority signals; within a category only the strongest
// signal counts, so five synonyms of "down" do not add up.
type category int

const (
	catNone category = iota // phrases that only shield words from others ("drop down")
	catOutage
	catDataLoss
	catSecurity
	catPayment
	catAccess
	catCrash
	catBroken
	catBlocked
	catPerformance
	catUrgency
	catImpact
	catScopeWide
	catScopeNarrow
	catCalm
	catResolved
	catQuestion
	catFeature
	catCosmetic
	catRequest
	catDeadline
	catWorkaround
	catAsk
	catHearsay
	catScopeTeam
	catAudience
	catCount
)

// categoryInfo describes a category for the notes and the scoring rules.
type categoryInfo struct {
	label string
	// negatable: "no data lost", "not urgent" turn the signal around.
	negatable bool
	// severe categories alone can make a ticket critical.
	severe bool
	// framing categories mark their sentence as a question or a wish, which
	// halves the incident signals in it ("how do I get alerted on outages?").
	framing bool
	// problem categories report something wrong; a wide scope only counts
	// when there is one ("everyone would love dark mode" is no incident).
	problem bool
	// family, when set, is the category this one shares its maximum with:
	// "crashes" and "error" describe one failure, not two.
	family category
	// tone categories are how a ticket is put, not what happened: they
	// adjust a level the stated impact leaves open, never overrule it.
	tone bool
	// part is the part of the impact the category tells (see impact.go).
	part impactPart
}

var categories = map[category]categoryInfo{
	catOutage:      {label: "outage", negatable: true, severe: true, problem: true, part: partWhat},
	catDataLoss:    {label: "data loss", negatable: true, severe: true, problem: true, part: partExposure},
	catSecurity:    {label: "security incident", negatable: true, severe: true, problem: true, part: partExposure},
	catPayment:     {label: "payment problem", problem: true, part: partWhat},
	catAccess:      {label: "access blocked", problem: true, part: partWhat},
	catCrash:       {label: "crash or server error", negatable: true, problem: true, part: partWhat},
	catBroken:      {label: "something broken", negatable: true, problem: true, family: catCrash, part: partWhat},
	catBlocked:     {label: "user blocked", problem: true, family: catCrash, part: partWhat},
	catPerformance: {label: "performance", negatable: true, problem: true, part: partWhat},
	catUrgency:     {label: "stated urgency", negatable: true, tone: true},
	catImpact:      {label: "business impact", negatable: true, problem: true, part: partWhat},
	catScopeWide:   {label: "wide scope", negatable: true, severe: true, part: partWho},
	catScopeNarrow: {label: "narrow scope", negatable: true, part: partWho},
	catCalm:        {label: "stated low urgency", tone: true},
	catResolved:    {label: "already resolved", part: partWhat},
	catQuestion:    {label: "question or how-to", framing: true, tone: true},
	catFeature:     {label: "feature request", framing: true, tone: true},
	catCosmetic:    {label: "cosmetic", part: partWhat},
	catRequest:     {label: "service request", tone: true},
	catDeadline:    {label: "deadline", negatable: true, part: partDeadline},
	catWorkaround:  {label: "workaround", part: partWorkaround},
	// a ticket put as a question about a state ("is the API down?") still
	// reports that state: it lowers a little but frames nothing
	catAsk: {label: "put as a question", tone: true},
	// news read elsewhere ("a breach at another company") reports nothing
	// about this desk's systems
	catHearsay:   {label: "news from elsewhere", framing: true, tone: true},
	catScopeTeam: {label: "a team affected", negatable: true, part: partWho},
	// the customers or users as a group, named in passing: it raises a
	// broken part to high but alone never makes a ticket critical
	catAudience: {label: "the customers or users", part: partWho},
}

// signalGroup is a set of phrases with one weight. negated is the weight
// when a negation precedes the phrase in its clause (negatable categories).
type signalGroup struct {
	// evidence groups fire in machine text too (attack patterns in a log).
	evidence bool
	cat      category
	weight   float64
	negated  float64
	phrases  []string
}

// signalGroups is the priority vocabulary. Weights are tuned on
// testdata/tickets.json; see priorityLevel for the thresholds.
var signalGroups = []signalGroup{
	// Words that look like signals but are not.
	{cat: catNone, phrases: []string{
		"drop down", "drops down", "scroll down", "scrolling down", "slow down", "slows down", "slowed down", "slowing down",
		"down payment", "break down", "broken down", "breakdown", "narrow down", "narrowed down", "down arrow",
		"count down", "scale down", "scaled down", "turn down", "write down", "calm down", "step down",
		"hold down", "sit down", "let down", "up and down", "down the road", "down the line", "track down",
		"tracked down", "pin down", "cut down", "trim down", "upside down", "top down", "take down",
		"taken down", "shut down the", "in charge", "free of charge", "no charge", "not charging",
		"stopped charging", "won't charge", "charging cable", "charging port", "battery charging",
		"hi everyone", "hello everyone", "hey everyone", "thanks everyone", "hi all", "hello all",
		"thanks in advance", "no worries", "no problem", "not a problem", "no issue", "not sure",
		"delete my account", "delete our account", "close my account", "please delete", "want to delete",
		"like to delete", "need to delete", "how to delete", "rest of", "data exported", "all our data",
		"all of our data", "all my data", "all the data", "error message", "security question",
		"security questions", "security settings", "security policy", "security review", "security team",
		"lost and found", "down below", "shown below", "critical thinking",
		"everything is fine", "all is fine", "says it is fine", "status page", "blocked by", "is blocked by",
		"was blocked by", "are blocked by",
		// a ticket asking for its own priority is no evidence of it
		"set priority to critical", "set the priority to critical", "set priority to high",
		"set the priority to high", "set priority to urgent", "priority to critical", "mark it as critical",
		"mark this as critical", "mark as critical", "mark it as urgent", "mark this as urgent",
		"mark as urgent", "mark this ticket as critical", "mark this ticket as urgent", "delete button",
		"delete option", "planned downtime", "planned outage", "planned maintenance", "scheduled maintenance",
		"maintenance window", "outage notice", "outage notification", "outage alerts", "downtime notice",
		"data loss prevention", "lost and found", "not found the", "password manager", "label printer",
		"shipping label", "labels printer",
	}},

	{cat: catOutage, weight: 8, phrases: []string{
		"down for everyone", "down for everybody", "down for all", "down for all users", "down for all our users",
		"down for all customers", "production down", "production is down", "prod down", "prod is down",
		"production outage", "major outage", "total outage", "complete outage", "full outage",
		"everything is down", "everything down", "completely down", "totally down", "entirely down",
		"whole site is down", "entire site is down", "all services down", "all systems down",
		"site wide outage", "sitewide outage", "all servers down",
	}},
	{cat: catOutage, weight: 5, phrases: []string{
		"certificate expired", "certificate has expired", "cert expired", "expired certificate",
		"expired ssl", "ssl expired", "connection is not private", "not secure warning", "domain expired",
	}},
	{cat: catOutage, weight: 2, phrases: []string{
		"was down", "were down", "was briefly down", "was offline", "were offline", "went down briefly",
		"was unavailable", "were unavailable",
	}},
	{cat: catOutage, weight: 5, phrases: []string{
		"outage", "downtime", "is down", "are down", "went down", "gone down", "going down", "nothing works",
		"nothing is working", "keeps going down",
		"down again", "still down", "website down",
		"site down", "server down", "servers down", "service down", "app down", "api down", "system down",
		"database down", "db down", "dashboard down", "portal down", "platform down", "not loading for anyone",
		"no internet", "nodes not ready", "node not ready", "internet is down", "internet down", "no connectivity", "no network", "all offline",
		"all show offline", "host unreachable", "notready", "no endpoints", "targets unhealthy",
		"all targets unhealthy", "unhealthy", "zero orders", "no orders", "zero sales", "no sales", "no sale",
		"nothing has shipped", "nothing ships", "cannot take calls", "can't take calls", "cant take calls",
		"only take cash", "error establishing a database connection", "went read only", "read only mode",
		"no space left", "no space left on device", "disk full", "disk is full", "partition is full",
		"temporarily unavailable", "service temporarily unavailable", "not scheduled", "is pending", "are pending",
		"is deferred", "mail is deferred", "nothing loads", "nothing is loading", "not a single", "stopped taking",
		"don't take orders", "dont take orders", "doesn't take orders", "not taking orders", "stopped working for everyone",
	}},
	{cat: catOutage, weight: 4.5, phrases: []string{
		"502", "503", "504", "502s", "503s", "504s", "520", "521", "522", "523", "524", "5xx", "5xx errors", "service unavailable", "bad gateway",
		"gateway timeout",
	}},
	{cat: catOutage, weight: 3.5, phrases: []string{
		"down", "goes down", "offline", "went offline", "unreachable", "not reachable", "connection refused", "refusing connections", "dns not resolving", "nxdomain",
	}},

	{cat: catDataLoss, weight: 8, phrases: []string{
		"lost all", "lost all my", "lost all our", "lost all our data", "all data is gone", "all our data is gone", "all data lost", "wiped",
		"wiped out", "database was deleted", "database corrupted", "corrupted database", "lost everything",
		"everything is gone", "everything disappeared", "all gone", "all our data was deleted",
		"not there anymore", "not there any more", "no longer there", "wrong backup", "restored the wrong",
		"restored the one from", "wrote over", "written over", "replaced the history", "history is gone",
		"years of history", "folder is empty", "remote wipe", "triggered a wipe", "were wiped",
	}},
	{cat: catDataLoss, weight: 6, phrases: []string{
		"data loss", "data was deleted", "data has been deleted", "data is gone", "data disappeared",
		"data vanished", "permanently deleted", "records are gone", "records disappeared", "records missing",
		"lost data", "data lost", "data corruption", "data is missing", "data missing", "missing data",
	}},
	{cat: catDataLoss, weight: 4, phrases: []string{
		"corrupted", "corrupt", "corruption", "disappeared", "vanished", "is gone", "are gone", "lost my work",
		"all my", "all of my",
		"lost my data", "lost my files", "lost our data", "lost our files", "lost work", "lost changes", "lost all my", "overwritten", "overwrote", "got deleted",
		"were deleted", "was deleted", "been deleted", "deleted by itself", "gone missing", "went back to",
		"reverted to", "lost local files", "lost a week", "lost a day", "changes disappear", "edits disappear",
		"lost the", "lost their",
	}},
	{cat: catDataLoss, weight: 2.5, phrases: []string{"deleted", "deletion", "lost", "erased"}},

	{cat: catSecurity, weight: 6.5, phrases: []string{
		"hacked", "breach", "breached", "data breach", "security breach", "compromised", "account takeover",
		"ransomware", "stolen", "was stolen", "got stolen", "been stolen", "unauthorized access", "unauthorised access", "someone accessed", "someone logged into",
		"someone logged in", "someone else logged", "stolen credentials", "credentials leaked", "leaked",
		"data leak", "exposed publicly", "publicly exposed", "exfiltration", "can see other users",
		"can see other customers", "see another customer", "other customers data", "other users data",
		"someone else's data", "another customer's data", "another company's data", "other tenants", "another tenant",
		"different company", "other companies", "belonging to another", "belonging to a different",
		"privacy leak", "public repo", "public repository", "public github", "public gitlab", "pushed to a public",
		"publicly accessible", "publicly visible", "indexed by google", "visible to everyone", "anyone can see",
		"any employee can", "someone else's",
		"ransom", "ransom note", "decrypt", "how to decrypt", "bitcoin", "encrypted our", "lockbit",
		"defaced", "hijacked", "redirects visitors",
		"redirects to a", "casino", "pharmacy ads", "didn't create", "did not create", "nobody created",
		"nobody here created", "none of us created", "we didn't launch", "none of us launched", "nobody launched",
		"never used", "we have never used", "don't recognise", "do not recognise", "mail forwarding",
		"forwarding rule", "super admin account", "still pulling", "from an ip in", "from another country",
		"who left", "left two weeks ago", "should have been disabled", "is still active", "still has access",
	}},
	{cat: catSecurity, weight: 4.5, phrases: []string{
		"suspicious sign ins", "suspicious signins", "don't recognize", "do not recognize", "didn't recognize",
		"never been to", "not me", "wasn't me", "exploit", "exploited", "malware", "virus",
		"trojan", "keylogger", "phishing", "suspicious login", "suspicious logins", "suspicious activity",
		"suspicious email", "suspicious sign in", "unrecognized login", "unrecognized device",
		"unknown device", "unknown location", "login from an unknown", "logins from", "did not authorize",
		"didn't authorize", "did not make", "didn't make", "xss", "cross site scripting", "sql injection",
		"csrf", "remote code execution", "privilege escalation", "brute force", "credential stuffing",
		"exposed", "api key exposed", "leak", "scam", "scams", "scammers", "scammer", "pretending to be",
		"posing as", "fake website", "fake emails", "asking for card details", "asking for passwords",
		"fake signups", "fake sign ups", "spam signups", "spam sign ups", "fake accounts", "bot signups",
		"bot attack", "bots", "credential theft", "lost my laptop", "lost my phone", "wipe the device", "password was changed", "my password was changed",
		"without my permission", "impersonating", "spoofed", "spoofing", "fraud", "fraudulent",
		"unauthorized charges", "unauthorized transactions", "secret key", "secret keys", "access key", "access keys",
		"api token", "admin token", "signing secret", "password in", "credential stuffing attack", "login alert",
		"password reset emails", "attack", "attacker",
		"we never launched", "not launched by",
	}},
	// a weakness without sign of use is a risk, not an incident
	{cat: catSecurity, weight: 3, phrases: []string{
		"vulnerability", "vulnerabilities", "vulnerable", "cve", "security advisory", "unpatched", "security hole",
	}},
	{cat: catSecurity, weight: 2.5, phrases: []string{"security", "suspicious", "insecure", "security issue"}},
	// an attempt that failed is a risk to act on, not an incident in progress
	{cat: catSecurity, weight: -2, phrases: []string{
		"attempt", "attempts", "attempted", "login failed", "were blocked", "was blocked", "no sign of",
		"no evidence of", "nothing strange", "no sign of exploitation", "so far nothing", "blocked them",
	}},

	{cat: catPayment, weight: 4.5, phrases: []string{
		"charged twice", "charged me twice", "double payment", "paid twice", "debited twice", "taken twice",
		"double charged", "charged two times", "charged 2 times", "double charge",
		"duplicate charge", "duplicate charges", "charged multiple times", "billed twice", "overcharged",
		"charged the wrong amount", "payment failed", "payment fails", "payment failing", "payments failing",
		"payments are failing", "payment declined", "card declined", "card was declined", "card is declined",
		"payment not going through", "payment won't go through", "payment doesn't go through",
		"checkout is broken", "checkout broken", "checkout fails", "checkout failing", "can't pay",
		"cannot pay", "unable to pay", "billing failure", "still being charged", "still charged",
		"payout", "payouts", "missing payout", "missing payouts", "haven't been paid", "not been paid",
		"haven't received any payouts", "haven't received payment", "charged after cancelling", "charged after canceling", "charged after i cancelled",
		"charged without", "unexpected charge", "wrong charge", "charged for", "payment error",
		"payment processing", "can't checkout", "cannot checkout", "unable to checkout", "not refunded",
	}},
	{cat: catPayment, weight: 3, phrases: []string{
		"chargeback", "charged", "wrong invoice", "incorrect invoice", "invoice is wrong",
		"billing error", "billing issue", "billing problem", "payment issue", "payment problem",
		"wrong amount", "incorrect amount",
	}},
	{cat: catPayment, weight: 2, phrases: []string{"refund", "refunds"}},

	{cat: catAccess, weight: 4, phrases: []string{
		"cannot log in", "can't log in", "cant log in", "can not log in", "unable to log in",
		"not able to log in", "cannot login", "can't login", "unable to login", "not able to login",
		"can't sign in", "cannot sign in", "can not sign in", "unable to sign in", "not able to sign in",
		"can't log into", "cannot log into", "unable to log into", "can't login to", "cannot login to",
		"can't sign into", "cannot sign into", "been able to log in", "been able to sign in",
		"locked out", "locked me out", "lock me out", "account locked", "account is locked",
		"account has been locked", "account was locked", "account disabled", "account suspended",
		"account is suspended", "lost access", "no access", "can't access my account",
		"cannot access my account", "unable to access my account", "can't get into my account",
		"cannot get into my account", "can't get in", "login fails", "login failed", "login failing",
		"login not working", "login is not working", "login broken", "login is broken", "login doesn't work",
		"login does not work", "login error", "sign in fails", "sign in not working", "sign in failed",
		"sso not working", "sso broken", "sso is broken", "sso fails", "sso failing", "2fa not working",
		"2fa code not", "2fa codes not", "not receiving 2fa", "not getting 2fa", "not receiving the code",
		"verification code not", "never received the code", "code never arrives", "code doesn't arrive",
		"password reset not working", "password reset email not", "password reset link", "reset link not",
		"reset link expired", "reset email never", "nobody can log in", "no one can log in",
		"cannot authenticate", "can't authenticate", "authentication failed", "authentication fails",
		"authentication error", "invalid credentials", "401", "keeps logging me out", "logs me out",
		"kicked out", "stuck at login", "stuck at the login", "stuck on the login", "code rejected",
		"codes rejected", "code is rejected", "codes are rejected", "code invalid", "invalid code",
		"codes are always rejected",
	}},
	{cat: catAccess, weight: 2.5, phrases: []string{
		"access denied", "permission denied", "forbidden", "403", "can't access", "cannot access",
		"unable to access", "not able to access", "no longer able to access", "session expired",
		"logged out", "incorrect password", "wrong password", "password doesn't work", "password not working",
	}},

	{cat: catCrash, weight: 4, phrases: []string{
		"crash", "crashes", "crashing", "crashed", "keeps crashing", "force close", "force closes",
		"blue screen", "bsod", "kernel panic", "segfault", "segmentation fault", "fatal error",
		"500 error", "500 errors", "error 500", "http 500", "internal server error", "status 500",
		"returns 500", "returning 500", "fail with 500", "fails with 500", "failing with 500", "with 500",
		"with a 500", "500s", "white screen", "blank screen", "black screen",
		"blank page", "white page", "out of memory", "oom",
		"oomkilled", "crashloopbackoff", "won't start", "wont start", "won't boot", "doesn't start",
		"does not start", "fails to start", "failed to start", "won't launch", "won't open", "doesn't open", "boot loop",
		"reboot loop", "not responding", "unresponsive", "shuts down", "shut down unexpectedly",
		"restarts randomly", "keeps restarting", "overheating", "overheat", "won't turn on", "doesn't turn on",
		"does not turn on", "won't power on", "doesn't power on", "does not power on", "not booting",
	}},
	{cat: catCrash, weight: 3, phrases: []string{"freezes", "freeze", "freezing", "frozen", "hangs", "dead", "died", "is dead", "are dead", "all dead"}},
	{cat: catCrash, weight: 2.5, phrases: []string{
		"exception", "unhandled exception", "stack trace", "stacktrace", "traceback", "panic", "restarts",
		"reboots", "hang", "hanging",
	}},
	{cat: catBlocked, weight: 2, phrases: []string{
		"can't reach", "cannot reach", "unable to reach", "not able to reach",
	}},

	{cat: catBroken, weight: 2, phrases: []string{
		"not working", "isn't working", "is not working", "doesn't work", "does not work", "don't work",
		"stopped working", "no longer works", "no longer working", "broken", "broke", "fails", "failing",
		"failed", "failure", "failures", "errors", "malfunction", "malfunctioning", "won't load",
		"doesn't load", "not loading", "fails to load", "failed to load", "does nothing", "nothing happens",
		"timed out", "times out", "timing out", "timeout", "timeouts", "stuck", "not syncing",
		"stopped syncing", "not sending", "not received", "never arrived", "not arriving", "bounced",
		"bouncing", "rejected", "not showing", "disconnects", "keeps disconnecting", "dropping", "drops",
		"stopped", "not firing", "stopped firing", "not triggering", "not delivered", "hasn't received", "haven't received", "shows offline", "shows as offline",
		"appears offline", "not found", "gives an error", "give an error", "shows an error", "throws an error",
		"something went wrong", "went wrong", "does not work anymore", "doesn't work anymore", "stopped",
		"no effect", "has no effect", "rejects", "rejected", "were rejected", "was rejected", "declined",
		"declining", "not sent", "haven't been sent", "weren't sent", "not generated", "empty", "blank",
		"zero", "shows 0", "wrong quantity", "wrong prices", "wrong price", "wrong currency", "wrong tax",
		"not updated", "stale", "is stale", "out of date", "behind", "stuck in", "queued", "skipped",
		"not provisioned", "disabled", "lost access", "no longer", "missing from",
	}},
	{cat: catBroken, weight: 1.5, phrases: []string{
		"error", "bug", "buggy", "glitch", "wrong", "incorrect", "issue", "problem", "not updating",
		"doesn't update", "duplicate", "duplicated", "twice", "missing",
	}},

	{cat: catBlocked, weight: 1.5, phrases: []string{
		"cant", "cannot", "can not", "unable to", "not able to", "impossible to", "won't let me",
		"doesn't let me", "does not let me", "prevents", "preventing", "blocked from", "can't save",
		"cannot save", "can't upload", "cannot upload", "can't delete", "cannot delete", "unable to delete",
		"can't remove", "cannot remove",
	}},

	{cat: catPerformance, weight: 2.5, phrases: []string{
		"extremely slow", "incredibly slow", "painfully slow", "unbearably slow", "super slow",
		"really slow", "very slow", "takes forever", "take forever", "taking forever", "takes ages",
		"takes minutes", "takes several minutes", "loading forever", "slow as", "crawling",
	}},
	{cat: catPerformance, weight: 2, phrases: []string{
		"slow", "slowly", "slower", "slowness", "sluggish", "lag", "lagging", "laggy", "latency",
		"high latency", "high cpu", "cpu spike", "cpu at 100", "memory leak", "high memory", "degraded",
		"degradation", "performance", "performance issue", "spinning", "spinner", "under load", "at peak",
		"during peak", "peak hours", "daily peak",
	}},

	{cat: catUrgency, weight: 3, negated: -3, phrases: []string{
		"urgent", "urgently", "asap", "as soon as possible", "emergency", "critical", "fix immediately",
		"fixed immediately", "immediate attention", "immediate help", "immediately please", "right away", "top priority", "high priority", "highest priority", "p1", "p0",
		"sev1", "sev 1", "sev0", "severity 1", "showstopper", "show stopper", "blocker", "blocking",
		"time sensitive", "help asap", "please help", "need help now", "right now", "on site now",
		"someone now",
	}},
	{cat: catUrgency, weight: 2, negated: -1, phrases: []string{"serious", "seriously", "severe", "major"}},

	{cat: catImpact, weight: 3, negated: -1.5, phrases: []string{
		"losing money", "losing revenue", "losing sales", "losing customers", "losing orders",
		"lost revenue", "lost sales", "customers are complaining", "customers complaining",
		"can't work", "cannot work", "unable to work", "can't do our jobs", "can't do my job",
		"work has stopped", "business critical", "mission critical", "sla breach", "breach of sla", "deadline",
		"cash flow",
		"unusable", "completely unusable", "halted", "standstill", "at a standstill",
		"can't process orders", "cannot process orders", "can't take orders", "can't ship", "go live",
		"launch tomorrow", "launch today", "launch day", "product launch", "flooded with",
		"depend on", "depends on", "rely on", "relies on", "by hand which", "sitting idle", "idle",
		"waiting in the yard", "nobody can work", "no one can work", "can't work", "cannot work",
		"reviews are going down", "conversion dropped", "dropped by half", "phones are ringing",
		"ringing nonstop", "calling their bank", "no shows", "missing appointments",
		"losing money", "lose a month", "lost sales",
		"cannot clock in", "can't clock in",
		"flooded", "support is flooded", "overwhelmed", "people are sitting",
	}},
	{cat: catImpact, weight: 2, negated: -1, phrases: []string{
		"abandoned their carts", "abandoned carts", "abandoning", "complained", "complaining", "complaints",
		"on paper", "are waiting", "cannot be generated", "cannot approve", "can't approve", "are stuck",
		"is stuck at", "stopped picking", "had to stop", "piling up", "unanswered", "swamped", "we leave",
		"we lose",
	}},
	{cat: catDeadline, weight: 1.5, negated: -1, phrases: []string{
		"this afternoon", "by end of day", "end of day", "by eod", "by tomorrow", "before tomorrow",
		"exam tomorrow", "meeting tomorrow", "demo tomorrow", "presentation tomorrow", "client calls",
		"client meeting", "has to go out today", "needs to go out today", "expiring", "expires on",
		"will expire", "expires next", "expires tomorrow", "entire business", "whole business", "impacting business",
		"affecting business",
	}},

	{cat: catScopeWide, weight: 3, phrases: []string{
		"everyone", "everybody", "all users", "all our users", "all of our users", "all customers",
		"all our customers", "all of our customers", "all employees", "all staff", "all of our staff",
		"entire company", "whole company", "entire office", "whole office",
		"entire organization", "whole organization", "entire org", "company wide", "organization wide",
		"every user", "every customer", "every single", "all accounts", "all of us", "nobody", "no one",
		"none of our", "none of the users", "across all", "all regions", "all locations", "worldwide",
		"globally", "all our clients", "all clients", "all our sites", "all of our sites", "every page",
		"whole customer base", "entire customer base", "anyone", "any user", "each customer", "each user", "all of them", "all of our", "none of them",
	}},
	{cat: catScopeWide, weight: 2, phrases: []string{
		"many users", "many customers", "multiple users", "multiple customers", "several users",
		"several customers", "lots of users", "lots of customers", "a lot of users", "a lot of customers",
		"hundreds of", "thousands of", "most users", "most of our users", "half of", "customers are unable", "users are unable", "customers can no longer",
		"users can no longer", "users are reporting", "users reporting", "multiple reports", "several of our",
		"many of our", "most of our", "several reports", "production", "prod", "live site", "in production",
		"every request", "every call", "every event", "all requests", "all calls", "all events",
		"all visitors", "customers reported", "customers are reporting",
		"every order", "all orders", "all pages", "all invoices", "every invoice", "all our invoices",
		"all payments", "every payment", "every transaction", "all transactions",
		"whole", "entire", "many people", "other users",
		"customers are telling", "customers tell us", "customers say",
		"customers are calling", "customers call", "customers calling",
		"partners report", "integration partners", "every employee", "every shopper",
		"every visitor", "every store", "every shop", "all stores", "all shops", "all branches", "all depots",
		"all floors", "any floor", "every floor", "whole building", "entire building", "all tenants", "all nodes",
		"every node", "all agents", "all teams", "none of us", "nobody here", "all our stores",
		"all sites",
		"all departments",
	}},

	// a team is more than one person and less than everyone: it raises,
	// but alone it never makes a ticket critical
	{cat: catScopeTeam, weight: 2, phrases: []string{
		"entire team", "whole team", "the whole team", "support team",
		"sales team", "finance team", "dev team", "development team", "accounting team", "call centre",
		"call center", "whole department", "entire department", "several colleagues", "several people",
		"multiple people", "several of us", "many of us", "multiple teams", "the department", "all of accounting",
		"team of",
	}},

	{cat: catScopeNarrow, weight: -1.5, negated: 1.5, phrases: []string{
		"just me", "only me", "only for me", "only happens to me", "only my account", "only one user",
		"only one account", "one user", "a single user", "single user", "one customer", "a single customer",
		"one of our users", "one of my colleagues", "one device",
		"one computer", "only on my", "only happens on", "only in safari", "only in firefox",
		"minor", "only on one", "only one", "just one", "everyone else", "everybody else", "others can",
		"others are fine", "other people can", "colleagues are fine", "works for my colleagues",
		"works for others", "works elsewhere", "works on other",

		"is fine", "are fine", "is ok", "are ok", "is okay", "are okay",
		"other rooms", "on staging", "in staging", "staging environment",
		"test environment", "sandbox", "dev environment", "half the time",
	}},
	{cat: catScopeNarrow, weight: -1, negated: 1.5, phrases: []string{
		"sometimes", "occasionally", "intermittent", "intermittently", "once in a while", "from time to time",
		"rarely", "every now and then", "sporadically", "sporadic", "edge case", "small issue",
		"minor issue", "slight", "slightly", "workaround", "a bit", "briefly",
	}},

	{cat: catWorkaround, weight: -1.5, phrases: []string{
		"workaround", "work around", "worked around", "in the meantime", "meanwhile", "can still", "could still",
		"still able to", "manually", "by hand", "works otherwise", "everything works otherwise", "otherwise works",
		"everything else works", "for now", "works fine", "work fine", "still works", "still work", "works from",
		"works at home", "works on my phone", "retrying works", "retry works", "eventually works",
		"works after a retry", "works on retry", "rolled back", "we rolled back", "temporary fix", "as a workaround",
		"works in chrome", "works in firefox", "works in edge", "works in safari", "other browsers work",
		"web version", "works with a", "works with the", "works when", "works if", "works directly", "we can copy", "i can rename", "i can use", "we can use", "instead for now",
	}},

	{cat: catCalm, weight: -4, phrases: []string{
		"no rush", "no hurry", "not a rush", "low priority", "lowest priority", "whenever you can",
		"whenever you get a chance", "when you get a chance", "when you have time",
		"when you have a moment", "at your convenience", "not a big deal", "no big deal",
		"not a priority", "not time sensitive", "not blocking", "not blocking anything", "not urgent",
		"non urgent", "nothing urgent", "no impact", "not critical", "not a blocker", "just curious", "fyi", "for your information", "just a heads up", "just letting you know",
		"just wanted to let you know", "can wait", "not super important", "not important",
		"not a huge deal", "not that important", "no real impact", "doesn't affect", "does not affect",
		"not affecting", "unaffected", "not affected", "production is unaffected", "production is not affected",
		"production is fine", "production unaffected", "not customer facing", "internal only", "nice to know", "annoying but", "just annoying", "mildly annoying",
		"slightly annoying", "a little annoying", "it's fine", "wanted you to know", "no harm done",
	}},

	{cat: catResolved, weight: -2.5, phrases: []string{
		"resolved itself", "fixed itself", "working again", "works again", "works now", "is working now",
		"back to normal", "back up", "back online", "is back", "already fixed", "already resolved",
		"no longer an issue", "no longer happening", "seems fine now", "fine now", "ok now", "okay now",
		"root cause", "post mortem", "postmortem", "rca", "incident report", "was resolved",
		"has been resolved",
	}},

	{cat: catQuestion, weight: -3, phrases: []string{
		"how do i", "how do we", "how do you", "how can i", "how can we", "how to", "how should i",
		"how should we", "how would i", "how would we", "is it possible", "is there a way",
		"is there any way", "is there an option", "is there a setting", "where can i", "where do i",
		"where can we", "where do we", "where is the setting", "best way to", "best practice",
		"best practices", "recommended way", "tutorial", "walkthrough", "what is the difference",
		"what's the difference", "difference between", "how does", "how do the", "what happens if",
		"what happens when", "can you explain", "could you explain", "help me understand",
		"want to understand", "would like to understand", "looking for guidance", "any guidance",
	}},
	{cat: catQuestion, weight: -2, phrases: []string{
		"can i", "could i", "can we", "could we", "will we", "will i", "do we need", "do i need", "should we",
		"should i", "do you support", "does it support", "do you offer",
		"does your", "do you have", "general question",
		"recommend", "recommendation", "any tips", "advice",
		"clarify", "clarification", "explain", "what does", "what is", "what are", "what's the", "whats the", "which plan", "how many", "how much",
		"how long", "which one", "guide", "instructions", "not sure how", "not sure where", "don't know how",
	}},
	{cat: catQuestion, weight: -1, phrases: []string{
		"want to know", "like to know", "would like to know", "documentation", "docs", "cant find", "can't find", "cannot find", "unable to find",
		"cant figure out", "can't figure out", "not sure if", "not sure whether",
		"unclear",
	}},

	{cat: catHearsay, weight: -1, phrases: []string{
		"news", "in the news", "news about", "read about", "heard about", "saw news", "article about", "we read",
		"a blog post", "saw on twitter", "saw a post",
	}},

	// attack patterns are evidence wherever they are written, logs included
	{cat: catSecurity, weight: 6.5, evidence: true, phrases: []string{
		"union select", "union all select", "or 1 1", "drop table", "etc passwd", "script alert", "xp_cmdshell",
		"information_schema", "sleep 5", "waitfor delay", "cmd exe", "wget http", "base64 decode",
	}},

	{cat: catAsk, weight: -1.5, phrases: []string{
		"question", "quick question", "questions", "small question", "quick q", "wondering", "i was wondering",
		"just wondering", "curious", "is it normal", "is this normal", "is this expected", "expected behavior",
		"expected behaviour", "sorry to bother", "probably my fault", "maybe my fault", "might be me",
	}},

	{cat: catFeature, weight: -3.5, phrases: []string{
		"feature request", "feature suggestion", "feature idea", "request a feature", "would be nice",
		"would be great", "would be helpful", "would be awesome", "would be useful", "would be cool",
		"would love", "we'd love", "i'd love", "nice to have", "suggestion", "suggestions", "suggest",
		"enhancement", "enhancement request", "improvement idea", "wishlist", "wish list", "roadmap",
		"any plans", "plans to", "planning to add", "add support for", "add an option", "add the ability", "it would help if", "consider adding",
		"would it be possible to add", "would it be possible", "could you make", "can you make", "i wish",
		"we wish", "would save us", "would make it easier",
		"would make life easier",
	}},
	{cat: catFeature, weight: -2, phrases: []string{
		"ability to", "option to", "allow us to", "allow users to", "idea", "if we could", "if i could",
		"please add", "could you add", "can you add", "allow multiple", "would help us", "would help", "improvement",
		"feedback", "proposal", "propose",
	}},

	{cat: catCosmetic, weight: -3, phrases: []string{
		"typo", "typos", "misspelled", "misspelling", "spelling mistake", "spelling error", "spelling",
		"grammar", "grammatical", "cosmetic", "misaligned", "alignment", "not aligned", "off center",
		"looks weird", "looks odd", "looks ugly", "ugly", "wording", "capitalization",
		"capitalized", "a few pixels", "few pixels", "pixelated", "pixel perfect", "blurry", "padding", "margin", "margins", "spacing", "punctuation",
		"aesthetic", "visual glitch", "visual bug", "minor visual", "purely visual",
	}},
	{cat: catCosmetic, weight: -2, phrases: []string{
		"color", "colour", "colors", "colours", "font", "fonts", "font size", "icon", "icons", "logo",
		"favicon", "tooltip", "placeholder", "dark mode", "light mode", "theme",
		"css", "styling", "visual", "visually", "overlap", "overlapping", "overlaps", "truncated",
		"text is cut", "is cut off", "are cut off", "gets cut off", "text cut off", "button label",
		"border", "shade", "brand guide", "brand color", "brand colour", "brand colors", "hex", "shadow", "rounded", "button text", "footer", "copyright year",
	}},

	{cat: catRequest, weight: -2, phrases: []string{
		"i'd like to", "we'd like to", "i would like to", "we would like to", "please send", "can you send",
		"could you send", "please provide", "please share", "requesting a", "requesting an", "i am requesting",
		"we are requesting", "need access",
		"access request", "request access", "need a new", "new laptop", "replacement", "please create",
		"please set up", "set up a new", "new employee", "new hire", "new starter", "started this week",
		"license for", "request to increase", "request to raise", "request to change", "request to add",
		"request to enable", "request to extend", "be raised", "be increased", "could you reissue",
		"please reissue", "reissue", "upgrade to the", "switch to the", "please enable", "can you enable",
	}},
}
