package newsroom

import (
	"errors"
	"net/http"
	"strings"

	"dateline/internal/web"
)

// maxSmallForm bounds the forms anyone may send without a session (sign-in,
// first-run setup): a few fields, never a file.
const maxSmallForm = 16 << 10

// smallForm reads the form of h's request within maxSmallForm before h
// runs, in memory: a form open to anyone must not make the server hold or
// spool megabytes (a sign-in with a 30 MB field, times a hundred, is
// gigabytes). Too large is a 413, unreadable a 400.
func smallForm(h web.HandlerFunc) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.ContentLength > maxSmallForm {
			return formTooLarge
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxSmallForm)
		var err error
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			err = r.ParseMultipartForm(maxSmallForm)
			if r.MultipartForm != nil {
				defer r.MultipartForm.RemoveAll()
				if len(r.MultipartForm.File) > 0 {
					return web.BadRequest("This form takes no files.")
				}
			}
		} else {
			err = r.ParseForm()
		}
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return formTooLarge
		case err != nil:
			return web.BadRequest("The form could not be read.")
		}
		return h(w, r)
	}
}

var formTooLarge = &web.Error{Status: http.StatusRequestEntityTooLarge, Message: "The form is too large. Enter your details again and send it."}
