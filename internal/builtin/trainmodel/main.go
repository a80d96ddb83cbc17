// Command trainmodel learns the builtin analyzer's priority model from the
// labelled training sets and writes model.json. Run it from
// internal/builtin (go generate does): go run ./trainmodel
package main

import (
	"log"
	"os"

	"helpdesk/internal/builtin"
)

func main() {
	tickets, err := builtin.LoadLabelled(builtin.TrainingSets...)
	if err != nil {
		log.Fatal(err)
	}
	model, err := builtin.TrainModel(tickets)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("model.json", model, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("trained on %d tickets", len(tickets))
}
