// Package config holds what every package's Config shares: a Config's zero
// value means its documented defaults.
package config

// Default sets *v to def when *v is zero or negative (unset).
func Default[T ~int | ~int64 | ~float64](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}
