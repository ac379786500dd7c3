package newsroom

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/imaging"
	"dateline/internal/web"
)

// parseUploadForm reads an editor's form, multipart or not, refusing a body
// over limit with tooLarge. Files over a megabyte are spooled to disk by
// net/http, which removes them when the request ends.
func parseUploadForm(w http.ResponseWriter, r *http.Request, limit int64, tooLarge error) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return tooLarge
		}
		return web.BadRequest("The form could not be read: " + err.Error())
	}
	return nil
}

// formImage reads the picture sent in the form's file field, or nil if none
// came. It reads one byte more than imaging.MaxUploadBytes, so that the
// desk, not a silent cut, refuses a picture that is too large.
func formImage(r *http.Request, field string) (*desk.Upload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	files := r.MultipartForm.File[field]
	if len(files) == 0 || files[0].Size == 0 {
		return nil, nil
	}
	file, err := files[0].Open()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, imaging.MaxUploadBytes+1))
	if err != nil {
		return nil, err
	}
	return &desk.Upload{Name: files[0].Filename, Data: data}, nil
}

// formTags splits the comma-separated tags field, dropping empty names.
func formTags(raw string) []string {
	var tags []string
	for _, t := range strings.Split(raw, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}
