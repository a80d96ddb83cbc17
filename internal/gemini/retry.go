package gemini

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"google.golang.org/genai"
)

// Error is the analyzer's final failure, after its retries. Cause is short
// enough for the tickets' analyzer field: an HTTP status ("503"),
// "timeout", "unreachable" or "malformed answer".
type Error struct {
	Cause    string
	Attempts int
	Err      error
}

func (e *Error) Error() string {
	return fmt.Sprintf("gemini failed after %d attempt(s) (%s): %v", e.Attempts, e.Cause, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// failure is one failed attempt, classified.
type failure struct {
	cause     string
	retryable bool
	// retryAfter is the delay the server asked for (0: none).
	retryAfter time.Duration
	err        error
}

// classify sorts an attempt's error. attemptCtx is the attempt's own
// context, whose deadline is the per-attempt timeout.
func classify(attemptCtx context.Context, err error, hint *retryHint) failure {
	var apiErr genai.APIError
	switch {
	case errors.As(err, &apiErr):
		f := failure{
			cause:      strconv.Itoa(apiErr.Code),
			retryable:  apiErr.Code == 408 || apiErr.Code == 429 || apiErr.Code >= 500,
			retryAfter: hint.get(),
			err:        err,
		}
		if d, ok := retryInfoDelay(apiErr); ok && d > f.retryAfter {
			f.retryAfter = d
		}
		return f
	case errors.Is(attemptCtx.Err(), context.DeadlineExceeded):
		return failure{cause: "timeout", retryable: true, err: err}
	case errors.Is(err, errMalformed):
		return failure{cause: errMalformed.Error(), retryable: true, err: err}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return failure{cause: "unreachable", retryable: true, err: err}
	}
	// a 200 whose body is not a GenerateContentResponse
	return failure{cause: errMalformed.Error(), retryable: true, err: err}
}
