package main

import "context"

// plainCopy copies the fields of the collection from into a bare collection
// named to, through the superuser API, with a signed-in rule for list,
// view and create: the baseline the appliance's collection is measured
// against. The select fields the server fills on create are not required
// there, so both collections take the same request body. indexes maps the
// source's indexes to the copy's.
func plainCopy(ctx context.Context, a *api, superToken, from, to string, indexes func(src []string) []string) error {
	var src struct {
		Fields  []map[string]any `json:"fields"`
		Indexes []string         `json:"indexes"`
	}
	if err := a.do(ctx, "GET", "/api/collections/"+from, superToken, nil, &src); err != nil {
		return err
	}
	var fields []map[string]any
	for _, f := range src.Fields {
		c := map[string]any{}
		for k, v := range f {
			if k != "id" {
				c[k] = v
			}
		}
		if c["type"] == "select" {
			c["required"] = false
		}
		fields = append(fields, c)
	}
	signedIn := `@request.auth.id != ""`
	return a.do(ctx, "POST", "/api/collections", superToken, map[string]any{
		"name": to, "type": "base", "fields": fields, "indexes": indexes(src.Indexes),
		"listRule": signedIn, "viewRule": signedIn, "createRule": signedIn,
	}, nil)
}
