package democmd

import "helpdesk/internal/roles"

// person is one demo account.
type person struct {
	Email  string
	Name   string
	Role   string
	Skills []string
}

// team is the demo team: one admin, moderators whose skills cover
// different support areas (so the triage's assignment shows), and the
// users who file the tickets.
var team = []person{
	{Email: "alex.morgan@example.com", Name: "Alex Morgan", Role: roles.Admin, Skills: []string{"security", "permissions"}},
	{Email: "priya.shah@example.com", Name: "Priya Shah", Role: roles.Moderator, Skills: []string{"authentication", "accounts", "email"}},
	{Email: "diego.alvarez@example.com", Name: "Diego Alvarez", Role: roles.Moderator, Skills: []string{"billing", "payments"}},
	{Email: "lena.novak@example.com", Name: "Lena Novak", Role: roles.Moderator, Skills: []string{"networking", "vpn", "dns", "ssl/tls"}},
	{Email: "tom.becker@example.com", Name: "Tom Becker", Role: roles.Moderator, Skills: []string{"database", "postgresql", "kubernetes", "docker"}},
	{Email: "sam.carter@example.com", Name: "Sam Carter", Role: roles.User},
	{Email: "jordan.lee@example.com", Name: "Jordan Lee", Role: roles.User},
	{Email: "emma.wilson@example.com", Name: "Emma Wilson", Role: roles.User},
	{Email: "noah.kim@example.com", Name: "Noah Kim", Role: roles.User},
	{Email: "olivia.brown@example.com", Name: "Olivia Brown", Role: roles.User},
}
