// Package web is the HTTP plumbing the public site, the API and the
// newsroom share: handlers that return errors, one place that turns an error
// into a response, panic recovery, request metrics and JSON replies.
package web

import (
	"errors"
	"log/slog"
	"net/http"

	"dateline/internal/store"
)

// HandlerFunc is an HTTP handler that returns an error instead of writing one.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Error is an error with the status and the message a client should see.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

// NotFound is a 404 with a message for the reader.
func NotFound(msg string) error { return &Error{http.StatusNotFound, msg} }

// BadRequest is a 400 that says what is wrong with the request.
func BadRequest(msg string) error { return &Error{http.StatusBadRequest, msg} }

// Unavailable is a 503: the service cannot answer now but will again.
func Unavailable(msg string) error { return &Error{http.StatusServiceUnavailable, msg} }

// StatusOf maps an error to the status and message a client should see.
// Anything unknown is a 500 whose details stay in the log.
func StatusOf(err error) (int, string) {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e.Status, e.Message
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "The page you asked for does not exist."
	case errors.Is(err, store.ErrStale):
		return http.StatusConflict, "Someone else saved this article after you opened it. Reload it to see their changes, then make yours again."
	case errors.Is(err, store.ErrConflict):
		return http.StatusConflict, "That conflicts with something already stored."
	case store.IsUnavailable(err):
		return http.StatusServiceUnavailable, UnavailableMessage
	}
	return http.StatusInternalServerError, "Something went wrong on our side. Please try again shortly."
}

// UnavailableMessage is what a client is told while the database cannot be
// reached: the fault is passing, so it says when to come back.
const UnavailableMessage = "The site cannot reach its database just now. Please try again in a minute."

// RetryAfter is the Retry-After (seconds) of every 503: long enough for a
// database restart or failover, short enough that readers are not kept away
// once it is back.
const RetryAfter = "10"

// ErrorWriter writes an error response in a surface's own format (HTML page
// or JSON).
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int, message string)

// Adapt turns a HandlerFunc into an http.Handler: a returned error is logged
// when it is the server's fault and written by onErr, unless the handler had
// already started its response (then the client has gone or has half a body,
// and a second response would only corrupt it).
func Adapt(h HandlerFunc, onErr ErrorWriter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &statusWriter{ResponseWriter: w}
		body := watchBody(r)
		if body != nil {
			// A handler that read a cut-off body sees missing fields and
			// may answer them (a 400 "enter your email"): that answer is
			// dropped for the 408 below.
			rw.drop = body.timedOut.Load
		}
		err := h(rw, r)
		if body != nil && body.timedOut.Load() {
			// Whatever the handler made of it, the client was too slow:
			// a 408, not a silent empty 200 nor a 503 that blames the
			// database for a network timeout.
			slog.InfoContext(r.Context(), "request body timed out", "method", r.Method, "path", r.URL.Path)
			if !rw.wrote {
				rw.drop, rw.dropped = nil, false
				onErr(rw, r, http.StatusRequestTimeout, SlowBodyMessage)
			}
			return
		}
		if err == nil {
			return
		}
		if r.Context().Err() != nil {
			return // the client went away; nothing to answer and nothing wrong here
		}
		status, msg := StatusOf(err)
		switch {
		case status == http.StatusServiceUnavailable:
			// An outage is not a fault of this request: a warning, so that
			// errors in the log stay the server's own bugs.
			slog.WarnContext(r.Context(), "request refused: service unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		case status >= 500:
			slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		if !rw.wrote {
			if status == http.StatusServiceUnavailable {
				rw.Header().Set("Retry-After", RetryAfter)
			}
			onErr(rw, r, status, msg)
		}
	})
}
