package site

import (
	"errors"
	"net/http"

	"dateline/internal/comments"
	"dateline/internal/i18n"
	"dateline/internal/store"
	"dateline/internal/web"
)

// textFor is the catalogue a request's page is written in. Every page and
// error message takes its interface text from here, so choosing the
// edition's language is a change to this one function.
func (s *Site) textFor(r *http.Request) *i18n.Catalogue { return s.text.Get(s.edition(r).Lang) }

// readerError is an error a reader sees, named by a catalogue key rather
// than written out, so handlers need not know the page's language: handle
// says it in the language of the request's page.
type readerError struct {
	status int
	key    string
	args   []any
	count  *int // for a text with a count: see i18n.Catalogue.N
}

func (e *readerError) Error() string { return e.key }

// fail returns the error page with status and the catalogue text of key.
func fail(status int, key string, args ...any) error {
	return &readerError{status: status, key: key, args: args}
}

// failCount is fail for a text that depends on a count.
func failCount(status int, key string, n int, args ...any) error {
	return &readerError{status: status, key: key, args: args, count: &n}
}

// localise turns the errors a reader can cause into web.Errors in the
// page's language. Anything else, a server fault above all, passes through
// unchanged so that it is logged as it was.
func localise(text *i18n.Catalogue, err error) error {
	if err == nil {
		return nil
	}
	var (
		re    *readerError
		input *comments.InputError
	)
	switch {
	case errors.As(err, &re) && re.count != nil:
		return &web.Error{Status: re.status, Message: text.N(re.key, *re.count, re.args...)}
	case errors.As(err, &re):
		return &web.Error{Status: re.status, Message: text.T(re.key, re.args...)}
	case errors.As(err, &input):
		return web.BadRequest(inputMessage(text, input))
	case errors.Is(err, comments.ErrClosed):
		return &web.Error{Status: http.StatusForbidden, Message: text.T("comments.closed")}
	case errors.Is(err, comments.ErrBanned):
		return &web.Error{Status: http.StatusForbidden, Message: text.T("comment.error.banned")}
	case errors.Is(err, store.ErrNotFound):
		return web.NotFound(text.T("error.not_found"))
	}
	return err
}

// inputMessage says what is wrong with a comment or flag in the page's
// language; problems the service gave no key for stay as it wrote them.
func inputMessage(text *i18n.Catalogue, input *comments.InputError) string {
	if len(input.Keyed) != len(input.Problems) {
		return input.Error()
	}
	msg := ""
	for i, p := range input.Keyed {
		if i > 0 {
			msg += " "
		}
		msg += text.T(p.Key, p.Args...)
	}
	return msg
}
