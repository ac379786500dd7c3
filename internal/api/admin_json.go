package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"time"

	"dateline/internal/news"
	"dateline/internal/web"
)

// AdminArticle is an article as the admin API shows it: the public form plus
// where it is in the workflow. PublishedAt here hides the embedded one, so
// that an article never published says null rather than year 1.
type AdminArticle struct {
	Article
	PublishedAt *time.Time  `json:"published_at"`
	Status      news.Status `json:"status"`
	Version     int         `json:"version"`
	ScheduledAt *time.Time  `json:"scheduled_at"`
	OwnerID     *int64      `json:"owner_id"` // null for imported copy
}

// Correction is a note appended to a published article.
type Correction struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

func (a *API) adminArticleJSON(n news.Article) AdminArticle {
	out := AdminArticle{Article: a.articleJSON(n), Status: n.Status, Version: n.Version,
		PublishedAt: utcOrNil(n.PublishedAt), ScheduledAt: utcOrNil(n.ScheduledAt)}
	if n.OwnerID != 0 {
		out.OwnerID = &n.OwnerID
	}
	return out
}

func utcOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// maxRequestBody bounds an admin request. An article body is at most
// news.MaxBody (200 kB), so 1 MiB leaves room for escaping and every other field.
const maxRequestBody = 1 << 20

// decodeJSON reads the request body, one JSON object, into v. Unknown fields
// are refused so that a misspelt field is an error rather than a change
// silently not made.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return &web.Error{Status: http.StatusUnsupportedMediaType, Message: "send the request body as application/json"}
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(err)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err != io.EOF {
		if err == nil {
			return web.BadRequest("the request body must hold one JSON object, not several")
		}
		return jsonProblem(err)
	}
	return nil
}

// jsonProblem says what is wrong with a request body in words a client's
// developer can act on.
func jsonProblem(err error) error {
	var (
		tooBig *http.MaxBytesError
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooBig):
		return &web.Error{Status: http.StatusRequestEntityTooLarge,
			Message: fmt.Sprintf("the request body is larger than %d bytes", tooBig.Limit)}
	case errors.Is(err, io.EOF):
		return web.BadRequest("the request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return web.BadRequest("the request body ends in the middle of a JSON value")
	case errors.As(err, &syntax):
		return web.BadRequest(fmt.Sprintf("the request body is not valid JSON: %v (at byte %d)", syntax, syntax.Offset))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return web.BadRequest(fmt.Sprintf("the request body must be a JSON object, not %s", typ.Value))
		}
		return web.BadRequest(fmt.Sprintf("%s must be %s, not %s", typ.Field, describeType(typ.Type), typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no type for this error; the prefix is stable.
		return web.BadRequest(strings.TrimPrefix(err.Error(), "json: ") + " in the request body")
	}
	return web.BadRequest("the request body could not be read: " + err.Error())
}

func describeType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(describeType(t.Elem()), "a ") + "s"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}
