package builtin

// Words exposes the tokenizer to the tests: the words of s, lower-cased and
// stemmed, as vocabulary phrases see them.
func Words(s string) []string { return phraseWords(s) }

// MachineWords returns the words of a description read as machine text.
func MachineWords(description string) []string {
	var out []string
	for _, t := range parse("", description).tokens {
		if t.machine {
			out = append(out, t.word)
		}
	}
	return out
}
