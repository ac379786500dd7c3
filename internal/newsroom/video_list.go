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
	Pages
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
	filter := url.Values{}
	if status != "" {
		filter.Set("status", status)
	}
	page, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	items, total, err := n.store.NewsroomVideos(r.Context(), status, onlyOwn(r.Context()), listPerPage, offset(page))
	if err != nil {
		return err
	}
	data := VideosData{Frame: n.frame(r, "Video", "videos"), Items: items, Owners: map[int64]string{},
		Statuses: videoStatuses, Status: status, Pages: pagesOf(total, page, "/newsroom/videos", filter)}
	staff, err := n.store.Accounts(r.Context())
	if err != nil {
		return err
	}
	for _, acc := range staff {
		data.Owners[acc.ID] = acc.Name
	}
	return n.page(w, http.StatusOK, "videos", data)
}
