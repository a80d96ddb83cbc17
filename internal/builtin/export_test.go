package builtin

// Words exposes the tokenizer to the tests: the words of s, lower-cased and
// stemmed, as vocabulary phrases see them.
func Words(s string) []string { return phraseWords(s) }
