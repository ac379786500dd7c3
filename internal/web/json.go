package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// WriteJSON encodes v into a buffer first, so an encoding error becomes a
// clean 500 rather than half a body.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// JSONError writes {"error": message}; it is the API's ErrorWriter.
func JSONError(w http.ResponseWriter, r *http.Request, status int, message string) {
	w.Header().Set("Cache-Control", "no-store")
	WriteJSON(w, status, map[string]string{"error": message})
}
