package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/ticket"
)

// seedPass is the password of every seeded user. Its hash uses bcrypt's
// minimum cost so that signing in a thousand subscribers does not turn
// the realtime benchmark into a bcrypt benchmark.
const seedPass = "seeded-user-pass"

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

type seedUser struct{ id, email, role string }

type seedTicket struct{ id, createdBy, assignedTo string }

// dataset is what was written, for choosing who asks what.
type dataset struct {
	users               []seedUser
	admins, mods, plain []int
	tickets             []seedTicket
	byOwner             map[string][]int
	searchTerm          string
	// rareTerm is in about one comment in a thousand.
	rareTerm string
	comments int
	took     time.Duration
}

var seedSkills = []string{"networking", "vpn", "databases", "postgresql", "billing", "security", "printers", "kubernetes", "windows", "email", "accounts", "hardware"}

// seed writes users and tickets straight into the data dir's SQLite file
// (the server must be stopped and the dir migrated), in large
// transactions, with triage done so that the workers stay idle.
func seed(dir string, nUsers, nTickets int, seedRand uint64) (*dataset, error) {
	start := time.Now()
	db, err := core.DefaultDBConnect(filepath.Join(dir, "data.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(seedRand, 42))
	hash, err := bcrypt.GenerateFromPassword([]byte(seedPass), bcrypt.MinCost)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	ds := &dataset{byOwner: map[string][]int{}, searchTerm: "vpn", rareTerm: "kerberos"}

	nAdmins := max(2, nUsers/100)
	nMods := max(4, nUsers/25)
	err = db.Transactional(func(tx *dbx.Tx) error {
		q := tx.NewQuery(`INSERT INTO users (id, email, password, tokenKey, emailVisibility, verified, name, role, skills, created, updated)
			VALUES ({:id}, {:email}, {:password}, {:tokenKey}, FALSE, TRUE, {:name}, {:role}, {:skills}, {:created}, {:created})`)
		q.Prepare()
		defer q.Close()
		for i := range nUsers {
			u := seedUser{id: security.RandomStringWithAlphabet(15, idAlphabet), email: fmt.Sprintf("seed%05d@bench.local", i)}
			var skills []string
			switch {
			case i < nAdmins:
				u.role = "admin"
				ds.admins = append(ds.admins, i)
			case i < nAdmins+nMods:
				u.role = "moderator"
				ds.mods = append(ds.mods, i)
				for range 3 {
					skills = append(skills, seedSkills[r.IntN(len(seedSkills))])
				}
			default:
				u.role = "user"
				ds.plain = append(ds.plain, i)
			}
			sk, _ := json.Marshal(uniq(skills))
			created := now.Add(-time.Duration(400*24-i) * time.Hour)
			if _, err := q.Bind(dbx.Params{
				"id": u.id, "email": u.email, "password": string(hash),
				"tokenKey": security.RandomString(50), "name": fmt.Sprintf("Seeded %s %d", u.role, i),
				"role": u.role, "skills": string(sk), "created": dbDate(created),
			}).Execute(); err != nil {
				return fmt.Errorf("seed users: %w", err)
			}
			ds.users = append(ds.users, u)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	staff := append(append([]int{}, ds.mods...), ds.admins...)
	priorities := []string{"low", "medium", "medium", "high", "critical"}
	dueAfter := map[string]time.Duration{"low": 7 * 24 * time.Hour, "medium": 3 * 24 * time.Hour, "high": 24 * time.Hour, "critical": 4 * time.Hour}
	const batch = 20000
	for from := 0; from < nTickets; from += batch {
		err := db.Transactional(func(tx *dbx.Tx) error {
			q := tx.NewQuery(`INSERT INTO tickets (id, number, title, description, status, priority, severity, summary, helpful_notes,
				related_skills, resource_links, triage, analyzer, created_by, assigned_to, due, created, updated)
				VALUES ({:id}, {:number}, {:title}, {:description}, {:status}, {:priority}, {:severity}, {:summary}, {:notes},
				{:skills}, {:links}, 'done', 'builtin', {:createdBy}, {:assignedTo}, {:due}, {:created}, {:updated})`)
			q.Prepare()
			defer q.Close()
			cq := tx.NewQuery(`INSERT INTO comments (id, ticket, author, body, internal, attachments, source, created)
				VALUES ({:id}, {:ticket}, {:author}, {:body}, {:internal}, '[]', 'web', {:created})`)
			cq.Prepare()
			defer cq.Close()
			for i := from; i < min(from+batch, nTickets); i++ {
				t := seedTicket{id: security.RandomStringWithAlphabet(15, idAlphabet)}
				t.createdBy = ds.users[ds.plain[r.IntN(len(ds.plain))]].id
				status := "done"
				switch x := r.IntN(100); {
				case x < 5:
					status = "todo"
				case x < 25:
					status = "assigned"
				case x < 40:
					status = "in_progress"
				}
				if status != "todo" {
					t.assignedTo = ds.users[staff[r.IntN(len(staff))]].id
				}
				prio := priorities[r.IntN(len(priorities))]
				// most tickets are old, as in a helpdesk that has run for a year
				created := now.Add(-time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
				title, desc := randomTicket(r, fmt.Sprintf("s%d", i))
				sk, _ := json.Marshal([]string{seedSkills[r.IntN(len(seedSkills))]})
				if _, err := q.Bind(dbx.Params{
					"id": t.id, "number": i + 1, "severity": severity[prio], "title": title, "description": desc, "status": status, "priority": prio,
					"summary": "The user reports: " + title, "notes": "- Check the logs\n- Ask for details",
					"skills": string(sk), "links": `["https://example.com/kb/1"]`,
					"createdBy": t.createdBy, "assignedTo": t.assignedTo,
					"due": dbDate(created.Add(dueAfter[prio])), "created": dbDate(created), "updated": dbDate(created),
				}).Execute(); err != nil {
					return fmt.Errorf("seed tickets: %w", err)
				}
				ds.byOwner[t.createdBy] = append(ds.byOwner[t.createdBy], len(ds.tickets))
				ds.tickets = append(ds.tickets, t)
				// three comments a ticket on average: replies of its
				// people, a fifth of them internal notes by staff
				for k := range r.IntN(2*commentsPerTicket + 1) {
					author, internal := t.createdBy, false
					if t.assignedTo != "" && k%2 == 0 {
						author, internal = t.assignedTo, r.IntN(5) < 2
					}
					body := commentTexts[r.IntN(len(commentTexts))]
					if r.IntN(1000) == 0 {
						body += " The " + ds.rareTerm + " ticket cache was stale."
					}
					if _, err := cq.Bind(dbx.Params{
						"id": security.RandomStringWithAlphabet(15, idAlphabet), "ticket": t.id, "author": author,
						"body": body, "internal": internal, "created": dbDate(created.Add(time.Duration(k+1) * time.Hour)),
					}).Execute(); err != nil {
						return fmt.Errorf("seed comments: %w", err)
					}
					ds.comments++
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// the server numbers the next tickets after the seeded ones
	if _, err := db.NewQuery(`UPDATE helpdesk_sequences SET value = {:n} WHERE name = {:name}`).
		Bind(dbx.Params{"n": nTickets, "name": ticket.NumberSequence}).Execute(); err != nil {
		return nil, fmt.Errorf("seed: ticket numbers: %w", err)
	}
	ds.took = time.Since(start)
	return ds, nil
}

// severity is the server's severity of each priority (ticket.Severity).
var severity = map[string]int{"critical": 4, "high": 3, "medium": 2, "low": 1}

// commentsPerTicket is the seeded conversation's average length.
const commentsPerTicket = 3

func dbDate(t time.Time) string { return t.UTC().Format(types.DefaultDateLayout) }

func uniq(xs []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
