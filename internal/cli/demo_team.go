package cli

import "helpdesk/internal/user"

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
	{Email: "alex.morgan@example.com", Name: "Alex Morgan", Role: user.RoleAdmin, Skills: []string{"security", "permissions"}},
	{Email: "priya.shah@example.com", Name: "Priya Shah", Role: user.RoleModerator, Skills: []string{"authentication", "accounts", "email"}},
	{Email: "diego.alvarez@example.com", Name: "Diego Alvarez", Role: user.RoleModerator, Skills: []string{"billing", "payments"}},
	{Email: "lena.novak@example.com", Name: "Lena Novak", Role: user.RoleModerator, Skills: []string{"networking", "vpn", "dns", "ssl/tls"}},
	{Email: "tom.becker@example.com", Name: "Tom Becker", Role: user.RoleModerator, Skills: []string{"database", "postgresql", "kubernetes", "docker"}},
	{Email: "sam.carter@example.com", Name: "Sam Carter", Role: user.RoleUser},
	{Email: "jordan.lee@example.com", Name: "Jordan Lee", Role: user.RoleUser},
	{Email: "emma.wilson@example.com", Name: "Emma Wilson", Role: user.RoleUser},
	{Email: "noah.kim@example.com", Name: "Noah Kim", Role: user.RoleUser},
	{Email: "olivia.brown@example.com", Name: "Olivia Brown", Role: user.RoleUser},
}
