package query

import (
	"encoding/json/v2"
	"errors"
	"maps"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// ErrUndecodable refuses subscription options that do not decode to one
// unambiguous value. PocketBase's broker ignores decoding errors and keeps
// what it decoded before them (json/v2, first of duplicate keys, first
// options parameter), so any check that reads the options another way, or
// gives up on an error, can be shown one filter while PocketBase runs
// another.
var ErrUndecodable = errors.New("the subscription options cannot be decoded unambiguously")

// SubscriptionQuery returns the query options of a realtime subscription
// as PocketBase will use them, or ErrUndecodable when a strict reading
// (valid JSON, no duplicate or unknown keys, string values, a single
// options parameter) fails or disagrees with PocketBase's own decoding.
func SubscriptionQuery(sub string) (map[string]string, error) {
	strict, err := decodeStrict(sub)
	if err != nil {
		return nil, err
	}
	pb := decodePocketBase(sub)
	if !maps.Equal(strict, pb) {
		return nil, ErrUndecodable
	}
	return pb, nil
}

// CheckSubscription returns a *Refusal when a subscription's filter would
// read a field who may not read, ErrUndecodable for options that cannot be
// read unambiguously, or PocketBase's parse error for its filter. A topic
// that is not a collection's gets no record events, so its filter never
// runs.
func (p Policy) CheckSubscription(s Schema, who Audience, sub string) error {
	if who == Superusers {
		return nil
	}
	q, err := SubscriptionQuery(sub)
	if err != nil {
		return err
	}
	topic, _, _ := strings.Cut(sub, "?")
	name, _, _ := strings.Cut(topic, "/")
	c, err := s.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil
	}
	if err := p.CheckFilter(s, c, who, q["filter"]); err != nil {
		return err
	}
	// PocketBase does not sort events, but a sort that names a protected
	// field is refused as on lists: it is a probe, not a use
	return p.CheckSort(s, c, who, q["sort"])
}

// decodePocketBase runs PocketBase's own decoder on a subscription.
func decodePocketBase(sub string) map[string]string {
	c := subscriptions.NewDefaultClient()
	c.Subscribe(sub)
	return c.Subscriptions()[sub].Query
}

func decodeStrict(sub string) (map[string]string, error) {
	out := map[string]string{}
	if sub == "" {
		return out, nil
	}
	u, err := url.Parse(sub)
	if err != nil {
		return nil, ErrUndecodable
	}
	params, err := url.ParseQuery(u.RawQuery)
	if err != nil || len(params["options"]) > 1 {
		return nil, ErrUndecodable
	}
	raw := params.Get("options")
	if raw == "" {
		return out, nil
	}
	var opts struct {
		Query   map[string]string `json:"query"`
		Headers map[string]string `json:"headers"`
	}
	// json/v2 defaults: duplicate names, case-variant names and invalid
	// UTF-8 are errors
	if err := json.Unmarshal([]byte(raw), &opts, json.RejectUnknownMembers(true)); err != nil {
		return nil, ErrUndecodable
	}
	if opts.Query != nil {
		out = opts.Query
	}
	return out, nil
}
