package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/web"
)

// maxBeacon bounds a beacon's body: {"kind":"article","id":123} is ~30 bytes.
const maxBeacon = 1 << 10

// recordView answers the page beacon, POST /api/v1/views, with 204. It
// touches no database: the view goes to memory and is flushed in batches.
// Unknown kinds and malformed bodies are 400. Ids that do not exist, drafts
// and pulled stories are answered 204 too and count nothing: the flush
// stores only views of published items. A 404 would cost a lookup on every
// beacon and tell a prober which ids exist, drafts included.
func (a *API) recordView(w http.ResponseWriter, r *http.Request) error {
	if !a.beaconLimiter.Admit(w, a.clientIP(r)) {
		return &web.Error{Status: http.StatusTooManyRequests, Message: "too many views from your address"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBeacon))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &web.Error{Status: http.StatusRequestEntityTooLarge, Message: "a view is a small JSON object"}
		}
		return web.BadRequest("the body could not be read")
	}
	var req struct {
		Kind string `json:"kind"`
		ID   int64  `json:"id"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return web.BadRequest(`send {"kind": "article" or "video", "id": N}`)
	}
	kind, err := popularity.ParseKind(req.Kind)
	if err != nil || req.ID < 1 {
		return web.BadRequest(`kind must be "article" or "video" and id a positive number`)
	}
	a.tracker.Record(kind, req.ID, a.clientIP(r), r.Header)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// MostViewedItem is one entry of GET /api/v1/most-viewed.
type MostViewedItem struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Lang  string `json:"lang"`
	Views int64  `json:"views"`
}

// mostViewed answers GET /api/v1/most-viewed?kind=&window=&lang=&limit=.
func (a *API) mostViewed(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	kindName := q.Get("kind")
	if kindName == "" {
		kindName = "article"
	}
	kind, err := popularity.ParseKind(kindName)
	if err != nil {
		return web.BadRequest(`kind must be "article" or "video"`)
	}
	windowName := q.Get("window")
	if windowName == "" {
		windowName = "24h"
	}
	window, err := popularity.ParseWindow(windowName)
	if err != nil {
		return web.BadRequest("window must be 24h, 7d or 30d")
	}
	lang := q.Get("lang")
	if lang != "" && !news.ValidLang(lang) {
		return web.BadRequest("lang must be en, si or ta")
	}
	limit, err := intParam(q.Get("limit"), 10, 1, 50, "limit")
	if err != nil {
		return err
	}
	items, err := a.rankings.Top(r.Context(), kind, window, lang, limit)
	if err != nil {
		return err
	}
	out := struct {
		Kind   string           `json:"kind"`
		Window string           `json:"window"`
		Items  []MostViewedItem `json:"items"`
	}{Kind: string(kind), Window: string(window), Items: make([]MostViewedItem, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, MostViewedItem{ID: it.ID, Title: it.Title, URL: a.publicURL(it.Lang, it.Path), Lang: it.Lang, Views: it.Views})
	}
	w.Header().Set("Cache-Control", "public, max-age=30")
	return web.WriteJSON(w, http.StatusOK, out)
}
