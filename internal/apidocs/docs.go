package apidocs

// Docs is the API documentation ready to serve: parsed and rendered once,
// at start, so that a broken document stops the server instead of a page.
type Docs struct {
	Spec *Spec
	// Page is the HTML page.
	Page []byte
	// YAML is the document as written.
	YAML []byte
}

// New parses an OpenAPI 3.1 document and renders its page.
func New(doc []byte) (*Docs, error) {
	s, err := Parse(doc)
	if err != nil {
		return nil, err
	}
	page, err := Render(s)
	if err != nil {
		return nil, err
	}
	return &Docs{Spec: s, Page: page, YAML: doc}, nil
}
