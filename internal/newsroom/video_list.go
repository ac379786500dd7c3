package newsroom

import (
	"net/http"
	"net/url"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/web"
)

// VideosData is the data of the video story list.
type VideosData struct {
	Frame
	Items    []news.Video
	Owners   map[int64]string // staff id -> name
	Statuses []news.Status
	Status   string
	Total    int
	Page     int
	Last     int
	PrevURL  string
	NextURL  string
}

// videoStatuses are the statuses a video story can have (never scheduled).
var videoStatuses = []news.Status{news.StatusDraft, news.StatusReview, news.StatusPublished, news.StatusUnpublished}

// videos lists video stories of every status, most recently changed first.
func (n *Newsroom) videos(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.WriteArticle, "work on video stories"); err != nil {
		return err
	}
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && !news.Status(status).Valid() {
		return web.BadRequest("Unknown status " + strconv.Quote(status) + ".")
	}
	page := 1
	if raw := q.Get("page"); raw != "" {
		var err error
		if page, err = strconv.Atoi(raw); err != nil || page < 1 || page > 100000 {
			return web.BadRequest("The page number must be a whole number from 1 to 100000.")
		}
	}
	items, total, err := n.store.NewsroomVideos(r.Context(), status, onlyOwn(r.Context()), listPerPage, (page-1)*listPerPage)
	if err != nil {
		return err
	}
	data := VideosData{Frame: n.frame(r, "Video", "videos"), Items: items, Owners: map[int64]string{},
		Statuses: videoStatuses, Status: status, Total: total, Page: page, Last: max(1, (total+listPerPage-1)/listPerPage)}
	staff, err := n.store.Accounts(r.Context())
	if err != nil {
		return err
	}
	for _, acc := range staff {
		data.Owners[acc.ID] = acc.Name
	}
	link := func(p int) string {
		v := url.Values{}
		if status != "" {
			v.Set("status", status)
		}
		v.Set("page", strconv.Itoa(p))
		return "/newsroom/videos?" + v.Encode()
	}
	if page > 1 {
		data.PrevURL = link(page - 1)
	}
	if page < data.Last {
		data.NextURL = link(page + 1)
	}
	return n.page(w, http.StatusOK, "videos", data)
}
