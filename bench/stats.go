package main

import (
	"slices"
	"time"
)

// percentile returns the nearest-rank p-th percentile (0 < p <= 100) of ds,
// or 0 for an empty sample.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(p/100*float64(len(s))+0.999999) - 1
	return s[max(0, min(rank, len(s)-1))]
}

// median of a sample of durations (0 when empty).
func medianDur(ds []time.Duration) time.Duration {
	return percentile(ds, 50)
}

// median of a sample of floats (0 when empty).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// latencies is one run's sample of request latencies.
type latencies []time.Duration

func (l latencies) p(pct float64) time.Duration { return percentile(l, pct) }

// medianOf takes one figure from each run and returns the median across runs:
// every reported figure is a median of several runs.
func medianOf[T any](runs []T, figure func(T) time.Duration) time.Duration {
	var ds []time.Duration
	for _, r := range runs {
		ds = append(ds, figure(r))
	}
	return medianDur(ds)
}

// medianFloat is medianOf for float figures (rates, ratios).
func medianFloat[T any](runs []T, figure func(T) float64) float64 {
	var xs []float64
	for _, r := range runs {
		xs = append(xs, figure(r))
	}
	return median(xs)
}
