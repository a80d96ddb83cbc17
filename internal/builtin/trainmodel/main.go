// Command trainmodel learns the builtin analyzer's priority model from the
// labelled training sets and writes model.json. Run it from
// internal/builtin (go generate does): go run ./trainmodel
package main

import (
	"encoding/json"
	"log"
	"os"

	"helpdesk/internal/builtin"
)

func main() {
	var tickets []builtin.Labelled
	for _, path := range builtin.TrainingSets {
		raw, err := os.ReadFile(path)
		if err != nil {
			log.Fatal(err)
		}
		var set []builtin.Labelled
		if err := json.Unmarshal(raw, &set); err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		tickets = append(tickets, set...)
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
