package query

// DecodeStrict exposes the strict options reader to the fuzz test, which
// compares it with PocketBase's decoder.
var DecodeStrict = decodeStrict
