package main

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"helpdesk/apptest"
)

// BenchmarkCreateSave saves tickets with the appliance's model-level hooks
// (as main.go wires them, without the triage workers) and records of a bare
// collection with the same fields, without HTTP: where the create overhead
// of benchmark 1 comes from. Profile with
//
//	go test ./bench -run '^$' -bench CreateSave -cpuprofile /tmp/cpu.out
func BenchmarkCreateSave(b *testing.B) {
	app := apptest.NewApp(b)
	user := apptest.CreateUser(b, app, "creator@bench.local", "Creator", "user")

	tickets, err := app.FindCollectionByNameOrId("tickets")
	if err != nil {
		b.Fatal(err)
	}
	// the same fields, as createPlainCollection copies them over the API
	raw, err := json.Marshal(tickets.Fields)
	if err != nil {
		b.Fatal(err)
	}
	var fields core.FieldsList
	if err := json.Unmarshal(raw, &fields); err != nil {
		b.Fatal(err)
	}
	plain := core.NewBaseCollection(plainCollection)
	for _, f := range fields {
		if f.GetName() == "id" {
			continue
		}
		f.SetId("")
		if s, ok := f.(*core.SelectField); ok {
			s.Required = false
		}
		plain.Fields.Add(f)
	}
	if err := app.Save(plain); err != nil {
		b.Fatal(err)
	}

	for _, c := range []*core.Collection{tickets, plain} {
		b.Run(c.Name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				r := core.NewRecord(c)
				t := ticketTexts[i%len(ticketTexts)]
				r.Set("title", t.title)
				r.Set("description", t.description)
				r.Set("created_by", user.Id)
				if err := app.Save(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
